/**
 * The string formats our schemas use, as ajv checks them (at generation time and in
 * tests; the generated validators import this module): ajv-formats' full forms, except
 * `uri` in its fast form (a scheme, then no whitespace). The full `uri` is a 1.2 KB regular
 * expression for RFC 3986 that every process compiles when it first checks a link, a few
 * ms of each intake run, which writes a decision with its forge event's link. Our four
 * links (that event, the site's address, its repository, the CMS's OAuth host) are written
 * by the pipeline or an administrator; the fast form catches what a typo makes of them.
 */
import formats from 'ajv-formats/dist/formats.js';

export const FORMAT_CHECKS = {
  date: formats.fullFormats.date,
  'date-time': formats.fullFormats['date-time'],
  email: formats.fullFormats.email,
  uri: formats.fastFormats.uri,
};

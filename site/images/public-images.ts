/**
 * Which images a build publishes: a listed demand's illustration, and its issuer's logo unless
 * the issuer hid its name. Apart from the staging (stage.ts, with sharp), so that the content
 * loader, which lists them, does not load an image library.
 */
import type { PublicDemand } from '../data/model.ts';

/** A listed demand's public images: its folder and the file names its public view names. */
export interface DemandImageFiles {
  id: string;
  dir: string;
  names: string[];
}

/** The images of these demands' public views: an illustration, and a logo unless the issuer hid its name. */
export function publicImageFiles(
  demands: ReadonlyArray<{
    id: string;
    dir: string;
    data: Pick<PublicDemand, 'illustration' | 'anonymousIssuer' | 'issuer'>;
  }>,
): DemandImageFiles[] {
  const out: DemandImageFiles[] = [];
  for (const d of demands) {
    const names = [d.data.illustration?.src, d.data.anonymousIssuer ? undefined : d.data.issuer?.logo?.src].filter(
      (s): s is string => !!s,
    );
    if (names.length) out.push({ id: d.id, dir: d.dir, names });
  }
  return out;
}

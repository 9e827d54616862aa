/**
 * The verification line every printed form carries: the record's id, the revision printed
 * (sha256 of the record file's bytes, as the ledger's `revision`, shortened) and a QR code of
 * the record's URL, so a stamped scan can be tied back to the exact revision on paper.
 * Nothing here needs Node: a browser page can print the same line (revision.ts has the
 * digest and the PNG, which do).
 */
import { encode } from 'uqr';
import type { PrintKind } from './form-model.ts';

/** Characters of the revision printed on the form: 12 hex digits (48 bits), as the ledger's messages shorten it. */
export const SHORT_REVISION = 12;

export interface Verification {
  id: string;
  /** The full sha256 of the record file's bytes. */
  revision: string;
  url: string;
  printedAt: string;
  /**
   * Printed by the submission helper before the record is registered: it has no id or
   * revision yet. The stamped scan then travels with the submission itself (attached to its
   * issue), which ties the two; the registered record can be printed again with its revision.
   */
  pending?: boolean;
}

export const shortRevision = (revision: string): string => revision.slice(0, SHORT_REVISION);

/** "2026-12-04 20:15" in Beijing time, as a form is dated when printed. */
export const beijingMinute = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export interface SiteLinks {
  siteUrl?: string;
  forge?: { url?: string; repo?: string; branch?: string };
}

/** A demand's public page; an application's or profile's file in the repository (officers open it there). */
export function recordUrl(site: SiteLinks, kind: PrintKind, id: string, path: string): string {
  if (kind === 'demand' && site.siteUrl) return `${site.siteUrl.replace(/\/+$/, '')}/demands/${id}/`;
  const forge = site.forge;
  if (forge?.url && forge.repo)
    return `${forge.url.replace(/\/+$/, '')}/${forge.repo}/blob/${forge.branch ?? 'main'}/${path}`;
  return path;
}

/** The line as printed under the form. */
export function verificationLine(v: Verification): string {
  if (v.pending)
    return `核验信息：提交前打印（尚未登记）${v.id ? ` · ${v.id}` : ''} · 打印于 ${v.printedAt} · 盖章扫描件请附在提交的议题中`;
  return `核验信息：编号 ${v.id} · 版本 ${shortRevision(v.revision)} · 打印于 ${v.printedAt} · ${v.url}`;
}

/** The QR code's modules (true = dark), with a quiet zone of 2 modules. */
export const qrMatrix = (text: string): boolean[][] => encode(text, { ecc: 'M', border: 2 }).data;

/** The QR code as inline SVG (for the print HTML): one path, crisp at any scale. */
export function qrSvg(text: string, sizeMm = 22): string {
  const m = qrMatrix(text);
  let d = '';
  m.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${m.length} ${m.length}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="记录地址二维码"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

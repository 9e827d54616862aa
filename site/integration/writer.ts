/**
 * Where the build's own files go: written under a folder, each one scanned by the privacy
 * scan from the very bytes that are written (no second read from disk) and stamped with the
 * version on disk they became, folders made once.
 */
import { closeSync, fstatSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivacyScan } from './privacy-scan.ts';

export class OutputWriter {
  readonly root: string;
  private readonly scan: PrivacyScan | undefined;
  private readonly made: Set<string>;
  files = 0;

  /**
   * `root`: the folder; `scan`: the privacy scan the bytes go through (none in the dev server);
   * `made`: folders under the root made already (relative, with /).
   */
  constructor(root: string, scan?: PrivacyScan, made: Iterable<string> = []) {
    this.root = root;
    this.scan = scan;
    this.made = new Set(made);
  }

  /** Write `path` (relative to the root, with /). */
  write(path: string, data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (!this.made.has(dir)) {
      mkdirSync(join(this.root, dir), { recursive: true });
      this.made.add(dir);
    }
    this.scan?.scanBytes(path, bytes, typeof data === 'string' ? data : undefined);
    const fd = openSync(join(this.root, path), 'w');
    try {
      writeFileSync(fd, bytes);
      // The version just written, so the scan's final check knows it when nothing rewrites it.
      this.scan?.stamp(path, fstatSync(fd, { bigint: true }));
    } finally {
      closeSync(fd);
    }
    this.files++;
  }
}

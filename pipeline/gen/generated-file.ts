/** What a generator returns: a file the repository keeps, with its banner (banner.ts) in `content`. */
export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  content: string;
}

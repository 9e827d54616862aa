/**
 * A content file's record kind follows from where it lives (the layout ARCHITECTURE.md
 * describes), so nobody declares it and a file cannot claim to be something else.
 */
import type { Kind } from '../schema/registry.ts';

const FOLDERS: Record<string, Kind> = {
  demands: 'demand',
  enterprises: 'enterprise',
  applications: 'application',
  decisions: 'decision',
  rounds: 'round',
  pages: 'page',
  catalogue: 'external',
};

/** The kind of the file at `path` (any separator, absolute or relative), or undefined. */
export function kindForPath(path: string): Kind | undefined {
  const parts = path.split(/[\\/]+/);
  const name = parts.at(-1) ?? '';
  if (name === 'officers.yml') return 'officers';
  if (name === 'site.yml') return 'site';
  const isPage = /\.mdx?$/.test(name);
  const isData = /\.ya?ml$/.test(name);
  if (!isPage && !isData) return undefined;
  for (let i = parts.length - 2; i >= 0; i--) {
    const kind = FOLDERS[parts[i]!];
    if (kind) return (kind === 'page') === isPage ? kind : undefined;
  }
  return undefined;
}

/** The id a file's location gives its record: `demands/XM-2023-001/index.yml` → XM-2023-001. */
export function idFromPath(path: string): string {
  const parts = path.split(/[\\/]+/);
  const name = parts.at(-1)!.replace(/\.(ya?ml|mdx?)$/, '');
  return name === 'index' ? parts.at(-2)! : name;
}

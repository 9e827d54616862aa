/** The public images of the catalogued demands as the loader reads them (what the build stages). */
import { dirname } from 'node:path';
import type { LoadedRecord } from '../../pipeline/face/node.ts';
import { publicImageFiles, type DemandImageFiles } from '../images/public-images.ts';
import { listedView } from './load.ts';

export function listedImageFiles(demands: readonly LoadedRecord[]): DemandImageFiles[] {
  return publicImageFiles(
    demands.flatMap((r) => {
      const data = listedView(r);
      return data ? [{ id: String(data.id), dir: dirname(r.file), data }] : [];
    }),
  );
}

/**
 * The local git adapter without its write lock: every writer decides on the head it read
 * and relies on compare-and-swap alone, as against a remote forge. Counts the commits that
 * found the branch moved, so tests can show the retry path was taken.
 */
import type { Forge } from '../../pipeline/forge/types.ts';

export function optimistic(forge: Forge): Forge & { moved: number } {
  const wrapper = Object.create(forge) as Forge & { moved: number };
  wrapper.moved = 0;
  Object.defineProperty(wrapper, 'exclusive', { value: undefined });
  wrapper.commit = async (request) => {
    const r = await forge.commit(request);
    if (!r.ok) wrapper.moved++;
    return r;
  };
  return wrapper;
}

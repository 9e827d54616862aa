/**
 * Groups of states the rules reason about, derived from the state machines (machines.ts) so
 * that a new state or act lands in the right group without a list to update by hand.
 */
import { RECORDED, type State, type SubjectKind } from './machines.ts';

/** Every state a subject can reach from `from` by recorded acts, `from` included. */
export function reachableFrom(kind: SubjectKind, from: State): Set<State> {
  const seen = new Set<State>([from]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of RECORDED[kind]) {
      if (!seen.has(t.to) && t.from.some((s) => seen.has(s))) {
        seen.add(t.to);
        grew = true;
      }
    }
  }
  return seen;
}

/** A drop-out gives its place back (`replace` fills it); every other state after selection keeps it. */
const PLACE_GIVEN_BACK: readonly State[] = ['dropped_out'];

const keepingThePlace = (from: State): ReadonlySet<State> =>
  new Set([...reachableFrom('application', from)].filter((s) => !PLACE_GIVEN_BACK.includes(s)));

/**
 * An application selected and still holding its place, whatever came after: a terminated
 * cooperation was a selection and a contract, so it still counts as one (of at most three).
 */
export const SELECTED_OR_LATER: ReadonlySet<State> = keepingThePlace('selected');

/** An application whose contract was signed, whatever came after. */
export const CONTRACTED_OR_LATER: ReadonlySet<State> = keepingThePlace('contracted');

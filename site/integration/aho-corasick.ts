/**
 * Aho–Corasick over bytes: find which of many patterns occur in a buffer in one pass over
 * the buffer, whatever the number of patterns (the privacy scan looks for tens of thousands
 * of restricted values in every output file). The trie is built from the sorted patterns
 * straight into typed arrays (a few bytes a node, no object per node). The root and the
 * shallowest nodes, where a scan spends most of its steps, have complete rows of 256
 * transitions (a DFA); other nodes keep their children as sorted runs. The tables can be
 * copied into shared memory once (`tables(true)`) and used by several threads without
 * copying again.
 *
 * A step through a complete row touches one array: the nodes with rows are numbered 1 to
 * `rows` (the root is 0), so a node's number is its row, and a transition into a node where
 * a pattern ends is stored negated, so the output links are read only there. The other
 * nodes keep the order the sorted patterns gave them (a pattern's nodes side by side).
 */

/** The automaton's tables: plain typed arrays (and the count of complete rows), so they can be shared between threads. */
export interface AhoCorasickTables {
  rows: number;
  dense: Int32Array;
  childStart: Int32Array;
  childCount: Int32Array;
  childByte: Uint8Array;
  childNode: Int32Array;
  fail: Int32Array;
  ends: Int32Array;
  outLink: Int32Array;
}

/** How many of the shallowest nodes get complete rows (1 KB each). */
const DENSE_ROWS = 16384;

const TABLES = ['dense', 'childStart', 'childCount', 'childByte', 'childNode', 'fail', 'ends', 'outLink'] as const;

export class AhoCorasick {
  /** How many nodes have complete rows besides the root: nodes 1 to `rows`; the root's is row 0. */
  private readonly rows: number;
  /** The complete rows, row r at r × 256: the next node, negated where a pattern ends on its failure chain. */
  private readonly dense: Int32Array;
  private readonly childStart: Int32Array;
  private readonly childCount: Int32Array;
  private readonly childByte: Uint8Array;
  private readonly childNode: Int32Array;
  private readonly fail: Int32Array;
  /** The pattern ending at a node, or -1. */
  private readonly ends: Int32Array;
  /** The nearest node on the failure chain (itself included) where a pattern ends, or -1. */
  private readonly outLink: Int32Array;
  readonly size: number;

  /** `denseRows`: how many of the shallowest nodes get complete rows (tests set few, to walk the sparse path too). */
  constructor(source: readonly Uint8Array[] | AhoCorasickTables, denseRows = DENSE_ROWS) {
    const t = Array.isArray(source) ? build(source as readonly Uint8Array[], denseRows) : (source as AhoCorasickTables);
    ({
      rows: this.rows,
      dense: this.dense,
      childStart: this.childStart,
      childCount: this.childCount,
      childByte: this.childByte,
      childNode: this.childNode,
      fail: this.fail,
      ends: this.ends,
      outLink: this.outLink,
    } = t);
    this.size = t.fail.length;
  }

  /** The tables, copied into shared memory when `shared` (for other threads to scan with). */
  tables(shared = false): AhoCorasickTables {
    const copy = <T extends Int32Array | Uint8Array>(a: T): T => {
      if (!shared) return a;
      const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      out.set(a as never);
      return out;
    };
    return { rows: this.rows, ...Object.fromEntries(TABLES.map((k) => [k, copy(this[k])])) } as AhoCorasickTables;
  }

  /** Where the automaton goes from `node` on `byte`: its child there, or where its failure links lead. */
  private transition(node: number, byte: number): number {
    for (let f = node; ; f = this.fail[f]!) {
      if (f <= this.rows) {
        const next = this.dense[(f << 8) | byte]!;
        return next < 0 ? -next : next;
      }
      const t = childOn(this.childStart, this.childCount, this.childByte, this.childNode, f, byte);
      if (t >= 0) return t;
    }
  }

  /** Call `found(patternIndex, endIndex)` for every occurrence of a pattern in `text` (`endIndex` is its last byte). */
  scan(text: Uint8Array, found: (pattern: number, end: number) => void): void {
    const { rows, dense, fail, outLink, ends } = this;
    let s = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      if (s <= rows) {
        const next = dense[(s << 8) | text[i]!]!;
        if (next >= 0) {
          s = next;
          continue;
        }
        s = -next;
      } else {
        s = this.transition(s, text[i]!);
        if (outLink[s]! < 0) continue;
      }
      for (let o = outLink[s]!; o > 0; o = outLink[fail[o]!]!) found(ends[o]!, i);
    }
  }
}

/** The child of `node` on `byte` among its sorted run of children, or -1. */
function childOn(
  childStart: Int32Array,
  childCount: Int32Array,
  childByte: Uint8Array,
  childNode: Int32Array,
  node: number,
  byte: number,
): number {
  let lo = childStart[node]!;
  let hi = lo + childCount[node]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = childByte[mid]!;
    if (b === byte) return childNode[mid]!;
    if (b < byte) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The tables of the automaton of `patterns`, `denseRows` of its shallowest nodes with complete rows. */
function build(patterns: readonly Uint8Array[], denseRows: number): AhoCorasickTables {
  // 1. The trie, from the patterns in byte order: a pattern shares the nodes of its common
  //    prefix with the one before it, so each node is made once, children in byte order.
  const order = patterns
    .map((_, i) => i)
    .filter((i) => patterns[i]!.length > 0)
    .sort((a, b) => Buffer.compare(patterns[a]!, patterns[b]!) || a - b);
  const capacity = 1 + order.reduce((n, i) => n + patterns[i]!.length, 0);
  const parent = new Int32Array(capacity);
  const byteOf = new Uint8Array(capacity);
  const depth = new Int32Array(capacity);
  const endsAt = new Int32Array(capacity).fill(-1);
  const path = [0];
  let n = 1;
  let prev: Uint8Array = new Uint8Array(0);
  for (const index of order) {
    const p = patterns[index]!;
    let common = 0;
    while (common < p.length && common < prev.length && p[common] === prev[common]) common++;
    for (let d = common; d < p.length; d++) {
      parent[n] = path[d]!;
      byteOf[n] = p[d]!;
      depth[n] = d + 1;
      path[d + 1] = n++;
    }
    const leaf = path[p.length]!;
    if (endsAt[leaf] === -1) endsAt[leaf] = index;
    prev = p;
  }
  // 2. Children as sorted runs (nodes were made in byte order under each parent).
  const childCount = new Int32Array(n);
  for (let c = 1; c < n; c++) childCount[parent[c]!]!++;
  const childStart = new Int32Array(n);
  for (let v = 1; v < n; v++) childStart[v] = childStart[v - 1]! + childCount[v - 1]!;
  const childByte = new Uint8Array(Math.max(0, n - 1));
  const childNode = new Int32Array(Math.max(0, n - 1));
  const rootNext = new Int32Array(256);
  const filled = new Int32Array(n);
  for (let c = 1; c < n; c++) {
    const v = parent[c]!;
    const at = childStart[v]! + filled[v]!++;
    childByte[at] = byteOf[c]!;
    childNode[at] = c;
    if (v === 0) rootNext[byteOf[c]!] = c;
  }
  // 3. Failure and output links, breadth first (nodes by depth).
  const fail = new Int32Array(n);
  const outLink = new Int32Array(n).fill(-1);
  let maxDepth = 0;
  for (let c = 1; c < n; c++) if (depth[c]! > maxDepth) maxDepth = depth[c]!;
  const next = new Int32Array(maxDepth + 2); // next[d]: where the next node of depth d goes
  for (let c = 1; c < n; c++) next[depth[c]! + 1]!++;
  for (let d = 1; d <= maxDepth + 1; d++) next[d]! += next[d - 1]!;
  const byDepth = new Int32Array(n - 1);
  for (let c = 1; c < n; c++) byDepth[next[depth[c]!]!++] = c;
  // 4. With them, complete rows for the shallowest nodes. Breadth first, a node's failure
  //    target is shallower: its row, when it has one, is made, and gives the target of its
  //    children's failure links in one lookup.
  const rows = Math.min(denseRows, n - 1);
  const rowOf = new Int32Array(n).fill(-1);
  const dense = new Int32Array(rows << 8);
  const transition = (node: number, byte: number): number => {
    for (let f = node; ; f = fail[f]!) {
      if (f === 0) return rootNext[byte]!;
      if (rowOf[f]! >= 0) return dense[rowOf[f]! | byte]!;
      const t = childOn(childStart, childCount, childByte, childNode, f, byte);
      if (t >= 0) return t;
    }
  };
  for (let k = 0; k < byDepth.length; k++) {
    const child = byDepth[k]!;
    const v = parent[child]!;
    const target = v === 0 ? 0 : transition(fail[v]!, byteOf[child]!);
    fail[child] = target;
    outLink[child] = endsAt[child]! >= 0 ? child : outLink[target]!;
    if (k < rows) {
      const row = k << 8;
      rowOf[child] = row;
      dense.set(target === 0 ? rootNext : dense.subarray(rowOf[target]!, rowOf[target]! + 256), row);
      const start = childStart[child]!;
      for (let c = start; c < start + childCount[child]!; c++) dense[row + childByte[c]!] = childNode[c]!;
    }
  }
  // 5. Numbered for the scan: the nodes with rows 1 to `rows` (breadth first, as their rows
  //    are), the others after them in the order the trie made them.
  const id = new Int32Array(n);
  for (let k = 0; k < rows; k++) id[byDepth[k]!] = k + 1;
  for (let v = 1, next = rows + 1; v < n; v++) if (rowOf[v]! < 0) id[v] = next++;
  const failOf = new Int32Array(n);
  const ends = new Int32Array(n);
  const outLinkOf = new Int32Array(n);
  const startOf = new Int32Array(n);
  const countOf = new Int32Array(n);
  // A row's entry for a node: its number, negated where a pattern ends on its failure chain.
  const entry = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const w = id[v]!;
    failOf[w] = id[fail[v]!]!;
    ends[w] = endsAt[v]!;
    outLinkOf[w] = outLink[v]! >= 0 ? id[outLink[v]!]! : -1;
    startOf[w] = childStart[v]!;
    countOf[w] = childCount[v]!;
    entry[v] = outLink[v]! >= 0 ? -w : w;
  }
  for (let i = 0; i < childNode.length; i++) childNode[i] = id[childNode[i]!]!;
  const table = new Int32Array((rows + 1) << 8);
  for (let b = 0; b < 256; b++) table[b] = entry[rootNext[b]!]!;
  for (let i = 0; i < dense.length; i++) table[256 + i] = entry[dense[i]!]!;
  return {
    rows,
    dense: table,
    childStart: startOf,
    childCount: countOf,
    childByte,
    childNode,
    fail: failOf,
    ends,
    outLink: outLinkOf,
  };
}

/**
 * Aho–Corasick over bytes: find which of many patterns occur in a buffer in one pass over
 * the buffer, whatever the number of patterns (the privacy scan looks for tens of thousands
 * of restricted values in every output file). The trie is built from the sorted patterns
 * straight into typed arrays (a few bytes a node, no object per node). The shallowest
 * nodes, where a scan spends most of its steps, get complete rows of transitions and the
 * first numbers (the root is 0), so a step from one of them is one lookup in a compact
 * table, with no table of row numbers between; deeper nodes keep their children as sorted
 * runs and the order the sorted patterns gave them, so a walk down one pattern reads
 * neighbouring entries. The tables can be copied into shared memory once (`tables(true)`)
 * and used by several threads without copying again.
 */

/** The automaton's tables: plain typed arrays, so they can be shared between threads. */
export interface AhoCorasickTables {
  /** Complete rows (256 entries each) of the nodes numbered below dense.length / 256. */
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
  private readonly dense: Int32Array;
  /** Nodes below this number have rows in `dense`. */
  private readonly denseNodes: number;
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

  /** `denseRows`: how many of the shallowest nodes besides the root get complete rows (tests set few, to walk the sparse path too). */
  constructor(source: readonly Uint8Array[] | AhoCorasickTables, denseRows = DENSE_ROWS) {
    if (!Array.isArray(source)) {
      const t = source as AhoCorasickTables;
      ({
        dense: this.dense,
        childStart: this.childStart,
        childCount: this.childCount,
        childByte: this.childByte,
        childNode: this.childNode,
        fail: this.fail,
        ends: this.ends,
        outLink: this.outLink,
      } = t);
      this.denseNodes = this.dense.length >> 8;
      this.size = t.fail.length;
      return;
    }
    const patterns = source as readonly Uint8Array[];
    const order = patterns
      .map((_, i) => i)
      .filter((i) => patterns[i]!.length > 0)
      .sort((a, b) => Buffer.compare(patterns[a]!, patterns[b]!) || a - b);
    // 1. In byte order a pattern shares the nodes of its common prefix with the one before it
    //    and makes one node for each byte after: how many nodes each depth has is known
    //    before any is made.
    const common = new Int32Array(order.length);
    let maxDepth = 0;
    for (let k = 1; k < order.length; k++) {
      const p = patterns[order[k]!]!;
      const q = patterns[order[k - 1]!]!;
      let c = 0;
      while (c < p.length && c < q.length && p[c] === q[c]) c++;
      common[k] = c;
    }
    for (const i of order) maxDepth = Math.max(maxDepth, patterns[i]!.length);
    const atDepth = new Int32Array(maxDepth + 1);
    order.forEach((i, k) => {
      for (let d = common[k]! + 1; d <= patterns[i]!.length; d++) atDepth[d]!++;
    });
    const n = 1 + atDepth.reduce((a, b) => a + b, 0);
    this.size = n;
    // 2. Numbers: the root 0; the `rows` shallowest nodes 1…rows, breadth first (by depth, then
    //    in the order they are made); the rest in the order they are made.
    const rows = Math.min(denseRows, n - 1);
    this.denseNodes = rows + 1;
    const nextId = new Int32Array(maxDepth + 1);
    const rowsLeft = new Int32Array(maxDepth + 1);
    for (let d = 1, made = 0; d <= maxDepth; d++) {
      nextId[d] = 1 + made;
      rowsLeft[d] = Math.max(0, Math.min(atDepth[d]!, rows - made));
      made += atDepth[d]!;
    }
    let deep = rows + 1;
    // 3. The trie.
    const parent = new Int32Array(n);
    const byteOf = new Uint8Array(n);
    const depth = new Int32Array(n);
    this.ends = new Int32Array(n).fill(-1);
    const path = [0];
    order.forEach((index, k) => {
      const p = patterns[index]!;
      for (let d = common[k]!; d < p.length; d++) {
        const node = rowsLeft[d + 1]! > 0 ? (rowsLeft[d + 1]!--, nextId[d + 1]!++) : deep++;
        parent[node] = path[d]!;
        byteOf[node] = p[d]!;
        depth[node] = d + 1;
        path[d + 1] = node;
      }
      const leaf = path[p.length]!;
      if (this.ends[leaf] === -1) this.ends[leaf] = index;
    });
    // 4. Children as sorted runs: siblings have one depth, so their numbers follow the order
    //    they were made in, which is byte order.
    this.childCount = new Int32Array(n);
    for (let c = 1; c < n; c++) this.childCount[parent[c]!]!++;
    this.childStart = new Int32Array(n);
    for (let v = 1; v < n; v++) this.childStart[v] = this.childStart[v - 1]! + this.childCount[v - 1]!;
    this.childByte = new Uint8Array(Math.max(0, n - 1));
    this.childNode = new Int32Array(Math.max(0, n - 1));
    const filled = new Int32Array(n);
    for (let c = 1; c < n; c++) {
      const at = this.childStart[parent[c]!]! + filled[parent[c]!]!++;
      this.childByte[at] = byteOf[c]!;
      this.childNode[at] = c;
    }
    // Breadth first: nodes by depth, in number order within a depth.
    const next = new Int32Array(maxDepth + 2); // next[d]: where the next node of depth d goes
    for (let c = 1; c < n; c++) next[depth[c]! + 1]!++;
    for (let d = 1; d <= maxDepth + 1; d++) next[d]! += next[d - 1]!;
    const byDepth = new Int32Array(n - 1);
    for (let c = 1; c < n; c++) byDepth[next[depth[c]!]!++] = c;
    // 5. Failure and output links breadth first, and with them the complete rows: a node's
    //    failure target is shallower, so its row is made and gives the target of its
    //    children's failure links in one lookup.
    this.fail = new Int32Array(n);
    this.outLink = new Int32Array(n).fill(-1);
    this.dense = new Int32Array(this.denseNodes * 256);
    for (let c = this.childStart[0]!; c < this.childStart[0]! + this.childCount[0]!; c++)
      this.dense[this.childByte[c]!] = this.childNode[c]!;
    for (let k = 0; k < byDepth.length; k++) {
      const child = byDepth[k]!;
      const v = parent[child]!;
      const target = v === 0 ? 0 : this.transition(this.fail[v]!, byteOf[child]!);
      this.fail[child] = target;
      this.outLink[child] = this.ends[child]! >= 0 ? child : this.outLink[target]!;
      if (child < this.denseNodes) {
        const row = child << 8;
        this.dense.copyWithin(row, target << 8, (target << 8) + 256);
        const start = this.childStart[child]!;
        for (let c = start; c < start + this.childCount[child]!; c++)
          this.dense[row + this.childByte[c]!] = this.childNode[c]!;
      }
    }
  }

  /** Where the automaton goes from `node` on `byte` (following failure links). */
  private transition(node: number, byte: number): number {
    for (let f = node; ; f = this.fail[f]!) {
      if (f < this.denseNodes) return this.dense[(f << 8) | byte]!;
      const t = this.step(f, byte);
      if (t >= 0) return t;
    }
  }

  /** The tables, copied into shared memory when `shared` (for other threads to scan with). */
  tables(shared = false): AhoCorasickTables {
    const copy = <T extends Int32Array | Uint8Array>(a: T): T => {
      if (!shared) return a;
      const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      out.set(a as never);
      return out;
    };
    return Object.fromEntries(TABLES.map((k) => [k, copy(this[k])])) as unknown as AhoCorasickTables;
  }

  /** The child of `node` (one without a row) on `byte`, or -1. */
  private step(node: number, byte: number): number {
    let lo = this.childStart[node]!;
    let hi = lo + this.childCount[node]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.childByte[mid]!;
      if (b === byte) return this.childNode[mid]!;
      if (b < byte) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Call `found(patternIndex, endIndex)` for every occurrence of a pattern in `text` (`endIndex` is its last byte). */
  scan(text: Uint8Array, found: (pattern: number, end: number) => void): void {
    const { dense, denseNodes, fail, outLink, ends } = this;
    let s = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      s = s < denseNodes ? dense[(s << 8) | text[i]!]! : this.transition(s, text[i]!);
      for (let o = outLink[s]!; o > 0; o = outLink[fail[o]!]!) found(ends[o]!, i);
    }
  }
}

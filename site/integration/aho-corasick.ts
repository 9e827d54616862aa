/**
 * Aho–Corasick over bytes: find which of many patterns occur in a buffer in one pass over
 * the buffer, whatever the number of patterns (the privacy scan looks for tens of thousands
 * of restricted values in every output file). Built once into typed arrays: the root has a
 * dense 256-entry table (most bytes of a page leave the automaton at the root), other nodes
 * keep their few children as sorted runs.
 */
export class AhoCorasick {
  private readonly rootNext = new Int32Array(256);
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

  constructor(patterns: readonly Uint8Array[]) {
    // 1. A trie in growable JS structures.
    const kids: Array<Map<number, number>> = [new Map()];
    const endsList: number[] = [-1];
    patterns.forEach((p, index) => {
      let node = 0;
      for (const byte of p) {
        let next = kids[node]!.get(byte);
        if (next === undefined) {
          next = kids.length;
          kids.push(new Map());
          endsList.push(-1);
          kids[node]!.set(byte, next);
        }
        node = next;
      }
      if (p.length && endsList[node] === -1) endsList[node] = index;
    });
    const n = kids.length;
    this.size = n;
    // 2. Flatten to sorted child runs.
    this.childStart = new Int32Array(n);
    this.childCount = new Int32Array(n);
    let total = 0;
    for (const m of kids) total += m.size;
    this.childByte = new Uint8Array(total);
    this.childNode = new Int32Array(total);
    let at = 0;
    kids.forEach((m, node) => {
      this.childStart[node] = at;
      this.childCount[node] = m.size;
      for (const [b, c] of [...m].sort((x, y) => x[0] - y[0])) {
        this.childByte[at] = b;
        this.childNode[at] = c;
        at++;
      }
    });
    this.rootNext.fill(0);
    for (const [b, c] of kids[0]!) this.rootNext[b] = c;
    this.ends = Int32Array.from(endsList);
    // 3. Failure and output links, breadth first.
    this.fail = new Int32Array(n);
    this.outLink = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (const c of kids[0]!.values()) { queue[tail++] = c; this.fail[c] = 0; this.outLink[c] = this.ends[c]! >= 0 ? c : -1; }
    while (head < tail) {
      const node = queue[head++]!;
      for (let k = this.childStart[node]!, e = k + this.childCount[node]!; k < e; k++) {
        const byte = this.childByte[k]!;
        const child = this.childNode[k]!;
        let f = this.fail[node]!;
        let target = -1;
        for (;;) {
          target = this.step(f, byte);
          if (target >= 0 || f === 0) break;
          f = this.fail[f]!;
        }
        this.fail[child] = target >= 0 && target !== child ? target : 0;
        this.outLink[child] = this.ends[child]! >= 0 ? child : this.outLink[this.fail[child]!]!;
        queue[tail++] = child;
      }
    }
  }

  /** The child of `node` on `byte`, or -1 (the root answers 0 for no child). */
  private step(node: number, byte: number): number {
    if (node === 0) return this.rootNext[byte]!;
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
    const { rootNext, fail, outLink, ends } = this;
    let s = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      const byte = text[i]!;
      if (s === 0) {
        s = rootNext[byte]!;
        if (s === 0) continue;
      } else {
        let next = this.step(s, byte);
        while (next < 0) {
          s = fail[s]!;
          next = s === 0 ? rootNext[byte]! : this.step(s, byte);
        }
        s = next;
      }
      let o = outLink[s]!;
      while (o >= 0) {
        found(ends[o]!, i);
        o = outLink[fail[o]!]!;
        if (o === 0) break;
      }
    }
  }
}

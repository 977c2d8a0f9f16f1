/**
 * A binary min-heap of timed events: the simulation's virtual clock always takes the
 * earliest. Ties break on `rank` (what kind of event goes first at the same instant) and then
 * on insertion order, so the replay never depends on the heap's internal layout.
 */
export interface Timed {
  at: number;
  rank: number;
}

type Entry<T> = { item: T; seq: number };

export class EventHeap<T extends Timed> {
  private readonly items: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** The earliest item, left in place. */
  peek(): T | undefined {
    return this.items[0]?.item;
  }

  push(item: T): void {
    const a = this.items;
    a.push({ item, seq: this.seq++ });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      const t = a[i]!;
      a[i] = a[p]!;
      a[p] = t;
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        const t = a[i]!;
        a[i] = a[m]!;
        a[m] = t;
        i = m;
      }
    }
    return top.item;
  }

  private less(x: Entry<T>, y: Entry<T>): boolean {
    if (x.item.at !== y.item.at) return x.item.at < y.item.at;
    if (x.item.rank !== y.item.rank) return x.item.rank < y.item.rank;
    return x.seq < y.seq;
  }
}

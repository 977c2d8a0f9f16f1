import type { SimAvailabilityChange, SimOpening } from './simulation-input';

/** What the recorded period holds, in the order a replay meets it at one instant. */
export const Recorded = { Availability: 0, Close: 1, Open: 4, None: -1 } as const;
export type Recorded = (typeof Recorded)[keyof typeof Recorded];
export type RecordedEvent = Exclude<Recorded, typeof Recorded.None>;

/**
 * The recorded events of a period (availability changes, openings, closes) in time order,
 * built once per simulation and shared by every version's replay. They were once pushed
 * into each replay's event heap up front — 200k+ entries per version for 100k
 * conversations, whose sift-downs missed the cache at every pop; they are known and sorted
 * before the replay starts, so a replay walks them with cursors and keeps only what it
 * schedules itself (timers, replies) in its heap.
 *
 * The openings may come in pages, in opening order, while the period is still being read
 * (`append`, then `end`). Everything before the last opening appended is then final: a later
 * page opens nothing earlier, and closes nothing earlier either (a conversation closes after
 * it opened), so a replay may go up to `horizon` and no further until the next page. A
 * close recorded before its own opening counts at the opening's instant: it came first
 * there too (closes rank before openings), and closing a conversation that never started
 * changes nothing in between.
 */
export class RecordedTimeline {
  readonly openings: SimOpening[] = [];
  /** Indices into `openings`, by opening time then index; the first `openCount` are valid. */
  readonly openOrder: Int32Array;
  openCount = 0;
  /** Indices of the openings that closed, by close time then index, with that time; the first `closeCount`. */
  readonly closeOrder: Int32Array;
  readonly closeAt: Float64Array;
  closeCount = 0;
  /** Indices into `availability`, by time then input order. */
  readonly availabilityOrder: Int32Array;
  /** Events at or after this instant wait for the next page (Infinity once the period has ended). */
  horizon = -Infinity;
  ended = false;
  /** Closes of appended openings at or after the horizon, not yet in `closeOrder`. */
  private pendingCloses: number[] = [];
  /** Each closed opening's close time, no earlier than its opening. */
  private readonly closeTimes: Float64Array;

  constructor(
    readonly availability: readonly SimAvailabilityChange[],
    /** How many openings the period holds (the capacity of the orders). */
    readonly capacity: number,
  ) {
    this.availabilityOrder = stableOrder(availability.length, (i) => availability[i]!.at);
    this.openOrder = new Int32Array(capacity);
    this.closeOrder = new Int32Array(capacity);
    this.closeAt = new Float64Array(capacity);
    this.closeTimes = new Float64Array(capacity);
  }

  /** The next page of openings; none earlier than the last page's. */
  append(page: readonly SimOpening[]): void {
    if (this.ended) throw new Error('The recorded period has ended');
    const start = this.openings.length;
    if (start + page.length > this.capacity) throw new Error(`More openings than the ${this.capacity} the period holds`);
    if (page.length === 0) return;
    const order = stableOrder(page.length, (k) => page[k]!.openedAt);
    if (page[order[0]!]!.openedAt < this.horizon) throw new Error('Openings must come in opening order');
    for (const o of page) this.openings.push(o);
    for (let k = 0; k < page.length; k++) {
      this.openOrder[this.openCount++] = start + order[k]!;
      const o = page[k]!;
      if (o.closedAt === null) continue;
      this.closeTimes[start + k] = Math.max(o.closedAt, o.openedAt);
      this.pendingCloses.push(start + k);
    }
    this.horizon = page[order[page.length - 1]!]!.openedAt;
    this.releaseCloses();
  }

  /** No more openings: everything is final. */
  end(): void {
    this.ended = true;
    this.horizon = Infinity;
    this.releaseCloses();
  }

  /** Moves the pending closes before the horizon into `closeOrder`; they all come after those already there. */
  private releaseCloses(): void {
    const pending = this.pendingCloses;
    if (pending.length === 0) return;
    const at = this.closeTimes;
    pending.sort((a, b) => at[a]! - at[b]! || a - b);
    let k = 0;
    for (; k < pending.length && at[pending[k]!]! < this.horizon; k++) {
      this.closeOrder[this.closeCount] = pending[k]!;
      this.closeAt[this.closeCount++] = at[pending[k]!]!;
    }
    this.pendingCloses = k === 0 ? pending : pending.slice(k);
  }

  cursor(): TimelineCursor {
    return new TimelineCursor(this);
  }
}

/** Positions `0..n-1` sorted by `at`, ties in position order; no sort when already in order. */
function stableOrder(n: number, at: (k: number) => number): Int32Array {
  const out = new Int32Array(n);
  let sorted = true;
  for (let k = 0; k < n; k++) {
    out[k] = k;
    if (k > 0 && at(k) < at(k - 1)) sorted = false;
  }
  if (!sorted) out.sort((a, b) => at(a) - at(b) || a - b);
  return out;
}

/** One replay's position in the timeline: the earliest recorded event not yet taken. */
export class TimelineCursor {
  private a = 0;
  private o = 0;
  private c = 0;
  /** The head's kind, time and index (into openings or availability), valid after `peek()`. */
  kind: Recorded = Recorded.None;
  at = 0;
  index = -1;

  constructor(private readonly timeline: RecordedTimeline) {
    this.peek();
  }

  /** Moves past the head. */
  take(): void {
    if (this.kind === Recorded.Availability) this.a++;
    else if (this.kind === Recorded.Close) this.c++;
    else if (this.kind === Recorded.Open) this.o++;
    this.peek();
  }

  /** Looks at the head again (after a page was appended). */
  peek(): void {
    const t = this.timeline;
    this.kind = Recorded.None;
    // Same instant: availability, then closes, then openings (the ranks the heap orders by).
    if (this.a < t.availabilityOrder.length) this.set(Recorded.Availability, t.availabilityOrder[this.a]!, t.availability[t.availabilityOrder[this.a]!]!.at);
    if (this.c < t.closeCount) {
      const at = t.closeAt[this.c]!;
      if (this.kind === Recorded.None || at < this.at) this.set(Recorded.Close, t.closeOrder[this.c]!, at);
    }
    if (this.o < t.openCount) {
      const i = t.openOrder[this.o]!;
      const at = t.openings[i]!.openedAt;
      if (this.kind === Recorded.None || at < this.at) this.set(Recorded.Open, i, at);
    }
  }

  private set(kind: Recorded, index: number, at: number): void {
    this.kind = kind;
    this.index = index;
    this.at = at;
  }
}

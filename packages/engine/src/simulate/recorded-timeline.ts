import type { SimulationInput } from './simulation-input';

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
 */
export class RecordedTimeline {
  /** Indices into `input.openings`, by opening time then input order. */
  readonly openOrder: Int32Array;
  /** Indices of the openings that closed, by close time then input order. */
  readonly closeOrder: Int32Array;
  /** Indices into `input.availability`, by time then input order. */
  readonly availabilityOrder: Int32Array;

  constructor(readonly input: SimulationInput) {
    const { openings, availability } = input;
    this.openOrder = stableOrder(openings.length, (i) => openings[i]!.openedAt);
    const closed: number[] = [];
    for (let i = 0; i < openings.length; i++) if (openings[i]!.closedAt !== null) closed.push(i);
    this.closeOrder = stableOrder(closed.length, (k) => openings[closed[k]!]!.closedAt!, closed);
    this.availabilityOrder = stableOrder(availability.length, (i) => availability[i]!.at);
  }

  cursor(): TimelineCursor {
    return new TimelineCursor(this);
  }
}

/** Positions `0..n-1` (or `ids`) sorted by `at`, ties in position order; no sort when already in order. */
function stableOrder(n: number, at: (k: number) => number, ids?: readonly number[]): Int32Array {
  const out = new Int32Array(n);
  let sorted = true;
  for (let k = 0; k < n; k++) {
    out[k] = k;
    if (k > 0 && at(k) < at(k - 1)) sorted = false;
  }
  if (!sorted) out.sort((a, b) => at(a) - at(b) || a - b);
  if (ids) for (let k = 0; k < n; k++) out[k] = ids[out[k]!]!;
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

  private peek(): void {
    const t = this.timeline;
    const { openings, availability } = t.input;
    this.kind = Recorded.None;
    // Same instant: availability, then closes, then openings (the ranks the heap orders by).
    if (this.a < t.availabilityOrder.length) this.set(Recorded.Availability, t.availabilityOrder[this.a]!, availability[t.availabilityOrder[this.a]!]!.at);
    if (this.c < t.closeOrder.length) {
      const i = t.closeOrder[this.c]!;
      const at = openings[i]!.closedAt!;
      if (this.kind === Recorded.None || at < this.at) this.set(Recorded.Close, i, at);
    }
    if (this.o < t.openOrder.length) {
      const i = t.openOrder[this.o]!;
      const at = openings[i]!.openedAt;
      if (this.kind === Recorded.None || at < this.at) this.set(Recorded.Open, i, at);
    }
  }

  private set(kind: Recorded, index: number, at: number): void {
    this.kind = kind;
    this.index = index;
    this.at = at;
  }
}

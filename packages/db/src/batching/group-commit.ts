import { BatchTrace } from './batch-trace';

type Pending<I, O> = { input: I; resolve: (o: O) => void; reject: (e: unknown) => void; at: number };

/** Handles a batch in one transaction; returns one output per input, in order. */
export type BatchRunner<I, O> = (inputs: I[], info: BatchInfo) => Promise<O[]>;
/** What the batch's runner may want to know of the queue: items left waiting when it started. */
export type BatchInfo = { behind: number };
export type GroupCommitOptions<I = unknown> = {
  maxBatch: number;
  maxInFlight: number;
  /**
   * When idle, wait this long before starting a batch so items arriving a moment apart go
   * together (the worker: one API batch's events arrive as one job per shard, a few hundred
   * µs apart). 0 = start at once (next tick).
   */
  lingerMs?: number;
  /**
   * When more items wait than one batch takes, take them round-robin over this key (the
   * workspace) instead of in arrival order: a tenant with a backlog then gets one slot in
   * turn with every other tenant waiting, not all of the next batches (noisy-neighbour
   * fairness, apps/worker/src/noisy-neighbour.int.test.ts). Order within a key is kept.
   */
  fairBy?: (input: I) => string;
  /**
   * Items with the same key never run in two batches at once: while a batch holding key k is
   * in its transaction, items of k wait and go together in the next batch that starts after
   * it, and only items of other keys start a batch beside it. For work that takes the same
   * locks per key (one workspace's timers reassigning into the same team: its round-robin
   * cursor), a second batch in flight would only sit on the first one's lock holding
   * conversation locks and a connection (bench/notes.md, session 10).
   */
  exclusiveBy?: (input: I) => string;
  /** Names this group commit's lines in the batch trace (BATON_BATCH_TRACE_FILE). */
  name?: string;
};

/**
 * One batch in flight by default: items arriving meanwhile wait for it and go together in
 * the next. More batches in flight lower latency at light load and cost more statements per
 * item under heavy load (bench/notes.md). BATON_GROUP_COMMIT_IN_FLIGHT / _MAX_BATCH tune it.
 */
export function groupCommitOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
  defaults: GroupCommitOptions = { maxBatch: 128, maxInFlight: 1 },
): GroupCommitOptions {
  const int = (v: string | undefined, d: number, max: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : d;
  };
  return {
    maxBatch: int(env.BATON_GROUP_COMMIT_MAX_BATCH, defaults.maxBatch, 1000),
    maxInFlight: int(env.BATON_GROUP_COMMIT_IN_FLIGHT, defaults.maxInFlight, 16),
  };
}

/**
 * Group commit. Callers hand over one item each and wait; items that arrive while earlier
 * batches are in their transactions are handled together in the next one. At low load
 * every item is a batch of one (no added wait); under load one transaction of a handful of
 * statements and one commit serves dozens of items — what lets two cores route hundreds of
 * conversations a second (BENCHMARKS.md).
 */
export class GroupCommit<I, O> {
  private pending: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** exclusiveBy keys of the batches in flight, with how many of those batches hold each. */
  private readonly busy = new Map<string, number>();
  private readonly trace = new BatchTrace();

  constructor(
    private readonly run: BatchRunner<I, O>,
    private readonly opts: GroupCommitOptions<I> = groupCommitOptionsFromEnv(),
  ) {}

  submit(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject, at: this.trace.enabled ? Date.now() : 0 });
      if (this.scheduled) return;
      this.scheduled = true;
      const start = () => {
        this.scheduled = false;
        this.drain();
      };
      // Let the items that arrive in the same tick (or, idle, within the linger) join before
      // the first batch starts; while a batch is in flight they queue for the next anyway.
      const linger = this.opts.lingerMs ?? 0;
      if (linger > 0 && this.inFlight === 0) setTimeout(start, linger);
      else setImmediate(start);
    });
  }

  private drain(): void {
    while (this.inFlight < this.opts.maxInFlight && this.pending.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return; // every pending item waits for a batch in flight
      const keys = this.hold(batch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.release(keys);
        this.drain();
      });
    }
  }

  private hold(batch: Pending<I, O>[]): string[] {
    const exclusive = this.opts.exclusiveBy;
    if (!exclusive) return [];
    const keys = [...new Set(batch.map((p) => exclusive(p.input)))];
    for (const k of keys) this.busy.set(k, (this.busy.get(k) ?? 0) + 1);
    return keys;
  }

  private release(keys: string[]): void {
    for (const k of keys) {
      const n = (this.busy.get(k) ?? 1) - 1;
      if (n <= 0) this.busy.delete(k);
      else this.busy.set(k, n);
    }
  }

  private takeBatch(): Pending<I, O>[] {
    const { maxBatch } = this.opts;
    const exclusive = this.opts.exclusiveBy;
    // Items whose key a batch in flight holds stay pending (in order) for a later batch.
    const eligible =
      exclusive && this.busy.size > 0
        ? this.pending.flatMap((p, i) => (this.busy.has(exclusive(p.input)) ? [] : [i]))
        : null;
    const keyOf = this.opts.fairBy;
    if (!eligible && (!keyOf || this.pending.length <= maxBatch))
      return this.pending.splice(0, maxBatch);
    if (eligible && (!keyOf || eligible.length <= maxBatch))
      return this.takeIndices(eligible.slice(0, maxBatch));
    const lanes = new Map<string, number[]>();
    (eligible ?? this.pending.map((_, i) => i)).forEach((i) => {
      const p = this.pending[i]!;
      const key = keyOf!(p.input);
      const lane = lanes.get(key);
      if (lane) lane.push(i);
      else lanes.set(key, [i]);
    });
    const taken: number[] = [];
    const longest = Math.max(...[...lanes.values()].map((l) => l.length));
    for (let round = 0; round < longest && taken.length < maxBatch; round++)
      for (const lane of lanes.values())
        if (round < lane.length && taken.length < maxBatch) taken.push(lane[round]!);
    return this.takeIndices(taken);
  }

  private takeIndices(indices: number[]): Pending<I, O>[] {
    const chosen = new Set(indices);
    const batch = this.pending.filter((_, i) => chosen.has(i)); // in arrival order
    this.pending = this.pending.filter((_, i) => !chosen.has(i));
    return batch;
  }

  private async runBatch(batch: Pending<I, O>[]): Promise<void> {
    const start = this.trace.enabled ? Date.now() : 0;
    const beside = this.inFlight - 1;
    const behind = this.pending.length;
    try {
      const outputs = await this.run(batch.map((p) => p.input), { behind });
      if (start) {
        const name = this.opts.name ?? 'batch';
        this.trace.record({ name, size: batch.length, firstSubmit: batch[0]!.at, lastSubmit: batch[batch.length - 1]!.at, start, end: Date.now(), beside, behind });
      }
      batch.forEach((p, i) => p.resolve(outputs[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One bad item (or a deadlock victim) must not fail its neighbours: each alone, so
      // only the item that really fails reports an error.
      await Promise.all(
        batch.map(async (p) => {
          try {
            // Items already taken, re-run alone: nothing is behind them (a runner that
            // reads the backlog must not count one failed batch as many batches behind).
            p.resolve((await this.run([p.input], { behind: 0 }))[0]!);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  }
}

import type { AdvanceResult, EventRef, EventRunsResult } from '@baton/db';

type Pending = { ref: EventRef; resolve: (r: AdvanceResult[]) => void; reject: (e: unknown) => void };
export type BatchRunner = (refs: EventRef[]) => Promise<EventRunsResult[]>;

/**
 * Group commit for outbox events. Each queue job hands its event here and waits; events
 * that arrive while earlier batches are in their transactions are handled together in the
 * next one. At low load every event is a batch of one (no added wait); under load a batch
 * costs a handful of statements and one commit for dozens of events, which is what lets
 * two cores route hundreds of conversations a second.
 */
export class EventBatcher {
  private readonly pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: BatchRunner,
    private readonly opts: { maxBatch: number; maxInFlight: number } = { maxBatch: 64, maxInFlight: 2 },
  ) {}

  submit(ref: EventRef): Promise<AdvanceResult[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ref, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Let the jobs fetched in the same tick join before the first batch starts.
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.inFlight < this.opts.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.opts.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await this.run(batch.map((p) => p.ref));
      batch.forEach((p, i) => p.resolve(results[i]?.results ?? []));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One bad event (or a deadlock victim) must not fail its neighbours: each alone, so
      // only the event that really fails goes back to its job's retries.
      await Promise.all(
        batch.map(async (p) => {
          try {
            p.resolve((await this.run([p.ref]))[0]?.results ?? []);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  }
}

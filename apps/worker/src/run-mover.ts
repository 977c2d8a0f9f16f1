import { advanceRunMoves, type Database } from '@baton/db';
import type { QueueClient } from '@baton/queue';

/**
 * Moves runs an admin chose to move at publish time (`run_moves`), one bounded transaction per
 * batch, scheduling each batch's re-planned timers after its commit (the old timers find a newer
 * wait sequence and do nothing). The worker rather than the publish transaction: a version can
 * have thousands of runs waiting, and moving them there would hold the workflow row and every
 * one of their conversations locked at once, stalling timers, replies and the publish request
 * itself. One pass at a time; a wake during a pass runs another after it. Woken by NOTIFY from
 * the publish transaction and by the worker's periodic sweep.
 */
export class RunMover {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly queues: QueueClient,
    private readonly log: (msg: string) => void,
    private readonly batch = 200,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err) => this.log(`[run-moves] failed: ${(err as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no pass is in progress (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    // Bounded per pass so a huge move yields to the next sweep; each batch commits on its own.
    for (let rounds = 0; rounds < 500 && !this.stopped; rounds++) {
      const r = await advanceRunMoves(this.db, this.batch);
      if (r.waits.length) await this.queues.scheduleWaits(r.waits);
      if (r.moved) this.log(`[run-moves] moved ${r.moved} run(s)${r.done ? ' (move complete)' : ''}`);
      if (r.idle) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

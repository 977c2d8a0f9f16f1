import { advanceRunMoves, type Database } from '@baton/db';
import type { RunsHandOff } from './after-commit';
import { SerialPasses } from './serial-passes';

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
  private readonly passes: SerialPasses;

  constructor(
    private readonly db: Database,
    private readonly afterCommit: RunsHandOff,
    private readonly log: (msg: string) => void,
    private readonly batch = 200,
  ) {
    this.passes = new SerialPasses(
      (stopped) => this.pass(stopped),
      (err) => this.log(`[run-moves] failed: ${err.message}`),
    );
  }

  wake(): void {
    this.passes.wake();
  }

  /** Resolves when no pass is in progress (tests). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  private async pass(stopped: () => boolean): Promise<void> {
    // Bounded per pass so a huge move yields to the next sweep; each batch commits on its own.
    for (let rounds = 0; rounds < 500 && !stopped(); rounds++) {
      const r = await advanceRunMoves(this.db, this.batch);
      if (r.waits.length) await this.afterCommit.receipts(r.waits.map((wait) => ({ workspaceId: wait.workspaceId, waits: [wait] })));
      if (r.moved) this.log(`[run-moves] moved ${r.moved} run(s)${r.done ? ' (move complete)' : ''}`);
      if (r.idle) return;
    }
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }
}

import { advanceSlaRecompute, conversationsChanged, syncSlaClocks, type Database } from '@baton/db';
import type { AfterCommitWork } from '@baton/queue';
import type { RunsHandOff } from './after-commit';
import { SerialPasses } from './serial-passes';

/**
 * Keeps SLA clocks in step with their conversations: drains the re-planning queue (and walks
 * workspaces whose policies or schedules changed) in bounded transactions, then schedules the
 * clocks' timers and tells the inboxes watching. One pass at a time; a wake during a pass
 * runs another pass after it. Woken by NOTIFY and by the worker's periodic sweep.
 */
export class SlaSyncer {
  private readonly passes: SerialPasses;

  constructor(
    private readonly db: Database,
    private readonly afterCommit: RunsHandOff,
    private readonly log: (msg: string) => void,
    private readonly batch = 500,
  ) {
    this.passes = new SerialPasses(
      (stopped) => this.pass(stopped),
      (err) => this.log(`[sla] sync failed: ${err.message}`),
    );
  }

  wake(): void {
    this.passes.wake();
  }

  private async pass(stopped: () => boolean): Promise<void> {
    for (let rounds = 0; rounds < 1000 && !stopped(); rounds++) {
      const recomputed = await advanceSlaRecompute(this.db, this.batch);
      const result = await syncSlaClocks(this.db, this.batch);
      // The pass's receipt (timers to schedule, conversations whose clocks changed) through the
      // one hand-off, grouped by workspace there. A failure fails the pass, which the next wake
      // repeats; the SLA reconciler re-creates a timer that never reached Redis.
      const work: AfterCommitWork[] = [
        ...result.timers.map((timer) => ({ workspaceId: timer.workspaceId, slaTimers: [timer] })),
        ...result.changed.map((c) => ({ workspaceId: c.workspaceId, notices: conversationsChanged([c.conversationId], 'sla') })),
      ];
      if (work.length) await this.afterCommit.receipts(work);
      if (recomputed === 0 && result.synced === 0) return;
    }
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }
}

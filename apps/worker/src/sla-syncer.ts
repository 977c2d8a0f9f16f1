import { advanceSlaRecompute, syncSlaClocks, type Database } from '@baton/db';
import type { QueueClient, RealtimePublisher } from '@baton/queue';
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
    private readonly queues: QueueClient,
    private readonly publisher: RealtimePublisher | null,
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
      if (result.timers.length) await this.queues.scheduleSlaTimers(result.timers);
      if (this.publisher && result.changed.length) {
        const byWorkspace = new Map<string, string[]>();
        for (const c of result.changed) byWorkspace.set(c.workspaceId, [...(byWorkspace.get(c.workspaceId) ?? []), c.conversationId]);
        for (const [workspaceId, ids] of byWorkspace) await this.publisher.conversationChanged(workspaceId, ids, 'sla').catch(() => {});
      }
      if (recomputed === 0 && result.synced === 0) return;
    }
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }
}

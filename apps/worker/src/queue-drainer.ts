import { alertLongQueueWaits, conversationsChanged, drainQueues, findQueuedWorkspaces, listenQueueWakes, type Database, type QueueWake } from '@baton/db';
import type { RunsHandOff } from './after-commit';

/**
 * Turns queue wake-ups into drains, one workspace at a time each: wakes that arrive while a
 * workspace is draining are coalesced into its next drain (a burst of closes is one
 * transaction, not one per close). What a drain commits is handed off like any batch:
 * timers, outbox events, realtime.
 */
export class QueueDrainer {
  private readonly pending = new Map<string, QueueWake[]>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly afterCommit: RunsHandOff,
    private readonly log: (msg: string) => void = console.log,
  ) {}

  wake(wake: QueueWake): void {
    const list = this.pending.get(wake.workspaceId) ?? [];
    list.push(wake);
    this.pending.set(wake.workspaceId, list);
    if (!this.running.has(wake.workspaceId)) this.start(wake.workspaceId);
  }

  /** Resolves once every drain started so far (and the wakes they picked up) is done. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private start(workspaceId: string): void {
    const run = (async () => {
      let failures = 0;
      for (;;) {
        const wakes = this.pending.get(workspaceId);
        if (!wakes?.length) break;
        this.pending.delete(workspaceId);
        try {
          const { runs, returned } = await drainQueues(this.db, wakes);
          failures = 0;
          // Returned conversations the drain assigned have no run: their notices go beside the runs'.
          const notices = conversationsChanged(returned.map((a) => a.conversationId), 'assignment');
          if (runs.length || notices.length) await this.afterCommit.now([{ workspaceId, results: runs, notices }]);
        } catch (err) {
          // A failed drain (Postgres restarting, a deadlock) is retried a few times with what
          // it had; past that, the queue's timeout and the next wake-up are the backstop.
          this.log(`[queue] drain of ${workspaceId} failed: ${(err as Error).message}`);
          if (++failures > 5) continue;
          await new Promise((r) => setTimeout(r, 200 * failures));
          this.pending.set(workspaceId, [...wakes, ...(this.pending.get(workspaceId) ?? [])]);
        }
      }
    })().finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
  }
}

/** Wakes every workspace that has a queued conversation (the catch-up over every queue). */
function wakeEveryQueue(drainer: QueueDrainer, db: Database, log: (msg: string) => void): Promise<void> {
  return findQueuedWorkspaces(db)
    .then((ids) => ids.forEach((workspaceId) => drainer.wake({ workspaceId, userId: null, reason: 'sweep' })))
    .catch((err) => log(`[queue] catch-up failed: ${(err as Error).message}`));
}

/**
 * The safety sweep: NOTIFY reaches only a listener that is connected when it fires, and the
 * capacity trigger stays silent while a workspace has no queued run (a run queuing in a
 * transaction not yet committed is not seen). Every queue is re-checked once at start and
 * then every `intervalMs`, so no conversation waits forever for a wake that was lost. A
 * sweep whose drains are still running is skipped (the drainer coalesces them anyway).
 */
export function startQueueSweep(
  drainer: QueueDrainer,
  db: Database,
  intervalMs: number,
  log: (msg: string) => void,
  /** With several workers only the sweeps' leader runs it (start-worker.ts); it calls `tick` when it becomes leader. */
  shouldRun: () => boolean = () => true,
): { stop: () => void; tick: () => void } {
  let busy = false;
  const tick = () => {
    if (busy || !shouldRun()) return;
    busy = true;
    void Promise.all([
      wakeEveryQueue(drainer, db, log),
      // Leads' alert for conversations that waited too long (at most one sweep late).
      alertLongQueueWaits(db).catch((err) => log(`[queue] wait alert failed: ${(err as Error).message}`)),
    ]).finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}

/** LISTENs for wake-ups; on every (re)connect, re-checks every queue (nothing is kept for us while away). */
export function startQueueWakes(url: string, drainer: QueueDrainer, db: Database, log: (msg: string) => void): { stop: () => Promise<void> } {
  return listenQueueWakes(url, {
    onWake: (w) => drainer.wake(w),
    onConnected: () => void wakeEveryQueue(drainer, db, log),
    log,
  });
}

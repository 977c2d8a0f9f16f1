import { appendFileSync } from 'node:fs';
import { WAIT_LEAD_MS } from '@baton/queue';
import type { Job } from 'bullmq';

/**
 * Where an SLA timer's lateness goes, stage by stage (bench/sla-clocks.ts, issue #17's early-round
 * stall): off unless BATON_SLA_TRACE_FILE names a file. Per batch one JSON line: for each timer
 * its due time, when the worker picked its job from the delayed set and when it joined a batch;
 * for the batch when its transaction began, when the claim statement returned and when the
 * commit did. Timestamps are this process's Date.now(); the bench turns them into ms after due.
 */
export type SlaStageItem = { clock: string; phase: 'warning' | 'breach'; due: number | null; picked: number; submitted: number };
export type SlaStageBatch = { items: SlaStageItem[]; start: number; claimed: number; committed: number };

export function slaStageTraceFromEnv(env: Record<string, string | undefined> = process.env) {
  const file = env.BATON_SLA_TRACE_FILE;
  if (!file) return null;
  return {
    item(job: Job, clock: string, phase: 'warning' | 'breach'): SlaStageItem {
      const delay = job.opts.delay ?? 0;
      // The timer was scheduled WAIT_LEAD_MS before its due time (queue-client); a timer due at once has no delay.
      return { clock, phase, due: delay > 0 ? job.timestamp + delay + WAIT_LEAD_MS : null, picked: job.processedOn ?? Date.now(), submitted: Date.now() };
    },
    batch(b: SlaStageBatch) {
      appendFileSync(file, JSON.stringify(b) + '\n');
    },
  };
}

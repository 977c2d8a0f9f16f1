import type { Tenant } from '../tenancy/tenant';
import { resumeWaitingRuns, type ResumeResult } from './resume-waiting-runs';

export type { ResumeResult } from './resume-waiting-runs';

/**
 * A wait's timer fired. Under the conversation lock, re-read the run: only the timer
 * named by the run's current wait sequence may continue it, and only once it is due.
 * A batch of one (see resumeWaitingRuns).
 */
export async function resumeWaitingRun(
  t: Tenant,
  runId: string,
  waitSeq: number,
  opts: { force?: boolean } = {},
): Promise<ResumeResult> {
  const [result] = await resumeWaitingRuns(t.db, [{ workspaceId: t.workspaceId, runId, waitSeq, force: opts.force }]);
  return result!;
}

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fromError, ok, requireMember, type ActionResult } from '@/server/auth';
import { cancelRun, fireWaitNow, retryRun } from '@/server/after-commit/mutations';

// Leads may act on runs: there is no separate "runs.manage" permission yet, and the issue
// gives leads fire-now, cancel and retry along with seeing runs.
const PERMISSION = 'runs.view' as const;

const runId = z.uuid();
const waitSeq = z.number().int().positive();

/**
 * Fire a pending timer now: the database moves its due time to now and logs who did it;
 * the hand-off then makes the queue job due immediately. If Redis is unreachable the
 * reconciler still finds the overdue wait, so the action succeeds either way.
 */
export async function fireWaitNowAction(id: string, seq: number): Promise<ActionResult> {
  try {
    const m = await requireMember(PERMISSION);
    const { wait } = await fireWaitNow(m.tenant, runId.parse(id), waitSeq.parse(seq), m.user.id).handedOver();
    revalidateRuns(wait.runId);
    return ok();
  } catch (error) {
    return fromError(error);
  }
}

export async function cancelRunAction(id: string): Promise<ActionResult> {
  try {
    const m = await requireMember(PERMISSION);
    // The hand-off removes its pending timer's job (tidiness only: a timer left in the queue
    // finds the run cancelled and does nothing).
    const result = await cancelRun(m.tenant, runId.parse(id), m.user.id).handedOver();
    revalidateRuns(result.runId);
    return ok();
  } catch (error) {
    return fromError(error);
  }
}

/**
 * Retry a failed run from its failed step: the database turns it into a wait due now, and
 * the worker resumes it like any timer (the web never runs the engine). If Redis is
 * unreachable the reconciler still finds the overdue wait.
 */
export async function retryRunAction(id: string): Promise<ActionResult> {
  try {
    const m = await requireMember(PERMISSION);
    const { wait } = await retryRun(m.tenant, runId.parse(id), m.user.id).handedOver();
    revalidateRuns(wait.runId);
    return ok();
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, error: 'That run does not exist' };
    return fromError(error);
  }
}

function revalidateRuns(id: string) {
  revalidatePath('/runs');
  revalidatePath(`/runs/${id}`);
  revalidatePath('/runs/timers');
}

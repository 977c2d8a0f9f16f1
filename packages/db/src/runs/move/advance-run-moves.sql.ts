import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { planRunMove, type RunMovePlan } from '@baton/engine';
import type { Database } from '../../client';
import { conversations, runMoves, runSteps, workflowRuns, workflowVersions } from '../../schema';
import { tenant } from '../../tenancy/tenant';
import { loadWorkspaceCalendar } from '../../schedules/load-workspace-calendar.sql';
import { jsonRecords } from '../../sql/json-recordset';
import { parseVersion } from '../batch/definition-cache';
import type { ScheduledWait } from '../run-types';

/** What the trace keeps of a move (a `manual` run_steps row, action `move`). */
export type RunMoveDecision = {
  kind: 'manual';
  action: 'move';
  /** Who decided, at publish time (null: an API key). */
  actorUserId: string | null;
  actorName: string;
  explanation: string;
  fromVersion: number;
  toVersion: number;
  fromStepId: string;
  toStepId: string;
  wakeAt: string;
};

export type RunMovesPass = { moved: number; waits: ScheduledWait[]; done: boolean; idle: boolean };

const DEFAULT_BATCH = 200;

/**
 * Locks: the pending run_moves row (skip locked), then the batch's conversations in id order, then
 * their runs — one transaction per batch instead of one per run, and never the whole move at once.
 *
 * Moves one bounded batch of the oldest pending publish-time move (any workspace: the worker's
 * sweep). Runs are taken in id order after the move's cursor; their conversations are locked
 * in id order and then the runs — the order a firing timer locks them in — and each is
 * re-read under the lock: only a run still waiting, on the old version, at a step the admin
 * chose to move, is moved. So a timer and the move never both act: the timer either fired
 * first (the run went on on the old version and is no longer at that step, or it is and is
 * moved from there) or finds a newer wait sequence and does nothing; the moved run's new timer
 * is returned for the caller to schedule after commit (the reconciler re-creates it if lost).
 */
export async function advanceRunMoves(db: Database, batchSize = DEFAULT_BATCH): Promise<RunMovesPass> {
  return db.transaction(async (tx) => {
    const [move] = await tx
      .select()
      .from(runMoves)
      .where(isNull(runMoves.finishedAt))
      .orderBy(asc(runMoves.createdAt), asc(runMoves.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!move) return { moved: 0, waits: [], done: false, idle: true };
    const ws = move.workspaceId;
    const fromStepIds = Object.keys(move.moves);
    const candidates = await tx
      .select({ id: workflowRuns.id, conversationId: workflowRuns.conversationId })
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.workspaceId, ws),
          eq(workflowRuns.workflowVersionId, move.fromVersionId),
          inArray(workflowRuns.status, ['waiting', 'running']),
          inArray(workflowRuns.currentStepId, fromStepIds),
          move.cursor ? gt(workflowRuns.id, move.cursor) : undefined,
        ),
      )
      .orderBy(asc(workflowRuns.id))
      .limit(batchSize);
    const done = candidates.length < batchSize;
    if (candidates.length === 0) {
      await tx.update(runMoves).set({ finishedAt: sql`now()` }).where(and(eq(runMoves.workspaceId, ws), eq(runMoves.id, move.id)));
      return { moved: 0, waits: [], done: true, idle: false };
    }
    // Conversations first, in id order (every batch's lock order), then the runs.
    await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ws), inArray(conversations.id, [...new Set(candidates.map((c) => c.conversationId))])))
      .orderBy(asc(conversations.id))
      .for('update');
    const runs = await tx
      .select()
      .from(workflowRuns)
      .where(and(eq(workflowRuns.workspaceId, ws), inArray(workflowRuns.id, candidates.map((c) => c.id))))
      .orderBy(asc(workflowRuns.id))
      .for('update');
    const clock = await tx.execute<{ now: string }>(sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as now`);
    const now = Number(clock.rows[0]!.now);
    const still = runs.filter(
      (r) => r.status === 'waiting' && r.workflowVersionId === move.fromVersionId && r.currentStepId !== null && move.moves[r.currentStepId] !== undefined,
    );
    const waits: ScheduledWait[] = [];
    if (still.length) {
      const versions = await tx
        .select({ id: workflowVersions.id, version: workflowVersions.version, definition: workflowVersions.definition })
        .from(workflowVersions)
        .where(and(eq(workflowVersions.workspaceId, ws), inArray(workflowVersions.id, [move.fromVersionId, move.toVersionId])));
      const from = versions.find((v) => v.id === move.fromVersionId)!;
      const to = versions.find((v) => v.id === move.toVersionId)!;
      const fromDefinition = parseVersion(from.id, from.definition);
      const definition = parseVersion(to.id, to.definition);
      const calendar = await loadWorkspaceCalendar(tenant(tx, ws));
      const open = await tx
        .select({ runId: runSteps.runId, stepId: runSteps.stepId, startedAt: runSteps.startedAt })
        .from(runSteps)
        .where(and(eq(runSteps.workspaceId, ws), inArray(runSteps.runId, still.map((r) => r.id)), isNull(runSteps.finishedAt)));
      const startedOf = new Map(open.map((s) => [`${s.runId}|${s.stepId}`, s.startedAt.getTime()]));
      const updates: Array<Record<string, unknown>> = [];
      const logRows: Array<typeof runSteps.$inferInsert> = [];
      const stepName = (d: typeof definition, id: string) => {
        const n = d.steps.find((s) => s.id === id);
        return n?.name ? `"${n.name}"` : id;
      };
      for (const run of still) {
        const fromStepId = run.currentStepId!;
        const toStepId = move.moves[fromStepId]!;
        const fromType = fromDefinition.steps.find((s) => s.id === fromStepId)?.type ?? 'unknown';
        const plan = planRunMove({
          definition,
          targetStepId: toStepId,
          from: { stepType: fromType, waitStartedAt: startedOf.get(`${run.id}|${fromStepId}`) ?? null },
          state: run.state,
          now,
          calendar,
        });
        // Checked at publish against this very version; a miss here is a bug, so the run stays put.
        if ('error' in plan) continue;
        const seq = run.state.stepsExecuted + 1;
        const decision: RunMoveDecision = {
          kind: 'manual',
          action: 'move',
          actorUserId: move.decidedBy,
          actorName: move.decidedByName,
          explanation: `${move.decidedByName} moved the run from version ${from.version} at ${stepName(fromDefinition, fromStepId)} to version ${to.version} at ${stepName(definition, toStepId)} when publishing. ${plan.explanation}`,
          fromVersion: from.version,
          toVersion: to.version,
          fromStepId,
          toStepId,
          wakeAt: new Date(plan.wakeAt).toISOString(),
        };
        logRows.push({
          workspaceId: ws,
          runId: run.id,
          seq,
          stepId: fromStepId,
          stepType: 'manual',
          output: 'move',
          decision,
          effects: [],
          actorUserId: move.decidedBy,
          startedAt: new Date(now),
          finishedAt: new Date(now),
        });
        const stepsExecuted = plan.replannedWait ? seq + 1 : seq;
        if (plan.replannedWait) logRows.push(replannedWaitRow(ws, run.id, seq + 1, plan, now));
        updates.push({
          k: run.id,
          c: plan.currentStepId,
          r: plan.resumeStepId,
          at: new Date(plan.wakeAt).toISOString(),
          s: { ...plan.state, stepsExecuted },
        });
        waits.push({ workspaceId: ws, runId: run.id, waitSeq: run.waitSeq + 1, wakeAt: new Date(plan.wakeAt) });
      }
      if (updates.length) {
        // The old step's row (the wait, or the assign holding its queue) ends at the move.
        await tx
          .update(runSteps)
          .set({ finishedAt: new Date(now) })
          .where(and(eq(runSteps.workspaceId, ws), inArray(runSteps.runId, updates.map((u) => u.k as string)), isNull(runSteps.finishedAt)));
        await tx.insert(runSteps).values(logRows);
        await tx.execute(sql`
          update ${workflowRuns} r
             set workflow_version_id = ${move.toVersionId}, current_step_id = v.c, resume_step_id = v.r,
                 wake_at = v.at, wait_seq = r.wait_seq + 1, state = v.s, updated_at = now()
            from ${jsonRecords(updates, 'v', 'k uuid, c text, r text, at timestamptz, s jsonb')} v
           where r.workspace_id = ${ws} and r.id = v.k`);
      }
    }
    await tx
      .update(runMoves)
      .set({
        cursor: candidates.at(-1)!.id,
        moved: sql`${runMoves.moved} + ${waits.length}`,
        ...(done ? { finishedAt: sql`now()` } : {}),
      })
      .where(and(eq(runMoves.workspaceId, ws), eq(runMoves.id, move.id)));
    return { moved: waits.length, waits, done, idle: false };
  });
}

function replannedWaitRow(workspaceId: string, runId: string, seq: number, plan: RunMovePlan, now: number): typeof runSteps.$inferInsert {
  return {
    workspaceId,
    runId,
    seq,
    stepId: plan.currentStepId,
    stepType: 'wait',
    output: 'next',
    decision: { kind: 'wait', durationMs: plan.replannedWait!.durationMs, until: plan.replannedWait!.until, explanation: plan.explanation },
    effects: [],
    startedAt: new Date(now),
    finishedAt: null,
  };
}

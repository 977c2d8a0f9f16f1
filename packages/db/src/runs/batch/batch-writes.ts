import { sql } from 'drizzle-orm';
import type { RunState } from '@baton/engine';
import type { Tx } from '../../client';
import { comments, conversationEvents, runSteps, workflowRuns } from '../../schema';
import type { AdvanceResult } from '../run-types';
import type { RunPlan } from './plan-run';
import { keyOf } from './batch-keys';

export type NewRun = typeof workflowRuns.$inferInsert & { id: string; workspaceId: string; conversationId: string };
export type RunStepInsert = typeof runSteps.$inferInsert;
type RunUpdate = {
  workspaceId: string;
  id: string;
  status: 'waiting' | 'completed' | 'failed';
  currentStepId: string | null;
  resumeStepId: string | null;
  wakeAt: Date | null;
  waitSeq: number;
  state: RunState;
  error: string | null;
  finishedAt: Date | null;
};
/** A planned run is either new (inserted with its trigger step) or resumed (updated). */
export type PersistAs =
  | { kind: 'insert'; run: Omit<NewRun, 'status' | 'currentStepId' | 'resumeStepId' | 'wakeAt' | 'waitSeq' | 'state' | 'error' | 'finishedAt'>; trigger: RunStepInsert }
  | { kind: 'update'; waitSeq: number };
type ConversationWrite = { workspaceId: string; id: string; assigneeId: string | null; teamId: string | null; touch: boolean };

/**
 * Everything a batch of runs decided, gathered so each table gets one statement per batch
 * instead of one per run and step. The rows are exactly what advanceRun + applyEffects
 * write one by one (same effect keys, so a replay is still a no-op).
 */
export class BatchWrites {
  private readonly runs: NewRun[] = [];
  private readonly updates: RunUpdate[] = [];
  private readonly finishedWaits: Array<{ w: string; r: string; s: string }> = [];
  private readonly steps: RunStepInsert[] = [];
  private readonly events: (typeof conversationEvents.$inferInsert)[] = [];
  private readonly comments: (typeof comments.$inferInsert)[] = [];
  private readonly conversations = new Map<string, ConversationWrite>();
  private readonly cursors = new Map<string, { workspaceId: string; poolKey: string; lastUserId: string }>();

  /** A new run inserted as started (it goes through the step-by-step path after the flush). */
  insertRun(run: NewRun, trigger: RunStepInsert): void {
    this.runs.push(run);
    this.steps.push(trigger);
  }

  /** A resumed run: the wait step it slept in is finished now. */
  finishWaitStep(workspaceId: string, runId: string, stepId: string | null): void {
    if (stepId) this.finishedWaits.push({ w: workspaceId, r: runId, s: stepId });
  }

  /** A run whose steps up to its next wait (or end) were planned in memory. */
  addPlanned(
    ref: { workspaceId: string; runId: string; conversationId: string },
    plan: Extract<RunPlan, { kind: 'planned' }>,
    conversation: { assigneeId: string | null; teamId: string | null },
    persist: PersistAs,
  ): AdvanceResult {
    const { workspaceId, runId, conversationId } = ref;
    const end = plan.end;
    const waitSeq = persist.kind === 'insert' ? 0 : persist.waitSeq;
    const final = {
      status: end.status,
      currentStepId: end.status === 'completed' ? null : end.stepId,
      resumeStepId: end.status === 'waiting' ? end.resumeStepId : null,
      wakeAt: end.status === 'waiting' ? new Date(end.wakeAt) : null,
      waitSeq: end.status === 'waiting' ? waitSeq + 1 : waitSeq,
      state: plan.state,
      error: end.status === 'failed' ? end.error : null,
      finishedAt: end.status === 'waiting' ? null : new Date(plan.snapshot.now),
    };
    if (persist.kind === 'insert') {
      this.runs.push({ ...persist.run, ...final });
      this.steps.push(persist.trigger);
    } else {
      this.updates.push({ workspaceId, id: runId, ...final });
    }
    const convKey = keyOf(workspaceId, conversationId);
    const conv = this.conversations.get(convKey) ?? { workspaceId, id: conversationId, ...conversation, touch: false };
    this.conversations.set(convKey, conv);
    for (const step of plan.steps) {
      const { outcome } = step;
      const startedAt = new Date(plan.snapshot.now);
      this.steps.push({
        workspaceId,
        runId,
        seq: step.seq,
        stepId: step.stepId,
        stepType: step.stepType,
        output: outcome.output,
        decision: outcome.decision,
        effects: outcome.effects,
        startedAt,
        finishedAt: step.waiting ? null : startedAt,
      });
      const explanation = 'explanation' in outcome.decision ? outcome.decision.explanation : '';
      let assignee = step.assigneeBefore;
      for (const [i, effect] of outcome.effects.entries()) {
        const effectKey = `${runId}:${step.seq}:${i}`;
        switch (effect.type) {
          case 'assign':
            conv.assigneeId = effect.userId;
            conv.teamId = effect.teamId;
            this.events.push({
              workspaceId,
              conversationId,
              type: assignee ? 'reassigned' : 'assigned',
              actorType: 'workflow',
              workflowRunId: runId,
              fromUserId: assignee,
              toUserId: effect.userId,
              teamId: effect.teamId,
              reason: effect.reason,
              data: { stepId: step.stepId, explanation },
              effectKey,
            });
            assignee = effect.userId;
            break;
          case 'unassign':
            conv.assigneeId = null;
            this.events.push({
              workspaceId,
              conversationId,
              type: 'unassigned',
              actorType: 'workflow',
              workflowRunId: runId,
              fromUserId: assignee,
              reason: effect.reason,
              data: { stepId: step.stepId },
              effectKey,
            });
            assignee = null;
            break;
          case 'comment':
            conv.touch = true;
            this.comments.push({
              workspaceId,
              conversationId,
              workflowRunId: runId,
              body: effect.text,
              mentionUserIds: effect.mentionUserIds,
              effectKey,
            });
            break;
          case 'advance_cursor':
            this.cursors.set(keyOf(workspaceId, effect.pool), { workspaceId, poolKey: effect.pool, lastUserId: effect.userId });
            break;
          case 'close':
            throw new Error('close effects are not planned in memory (planRun defers them)');
        }
      }
    }
    return {
      runId,
      conversationId,
      status: end.status,
      wait: end.status === 'waiting' ? { workspaceId, runId, waitSeq: final.waitSeq, wakeAt: new Date(end.wakeAt) } : null,
      outboxEventIds: [],
    };
  }

  /** One statement per table. Returns the inserted runs (the step-by-step path needs them). */
  async flush(tx: Tx) {
    const inserted = this.runs.length
      ? await tx.insert(workflowRuns).values(this.runs).onConflictDoNothing().returning()
      : [];
    if (inserted.length !== this.runs.length)
      // Unreachable while events are claimed under lock: a run per (version, event) can
      // only exist once its event is processed. Fail the batch rather than double-apply.
      throw new Error(`${this.runs.length - inserted.length} run(s) of this batch already exist`);
    if (this.finishedWaits.length) {
      const json = JSON.stringify(this.finishedWaits);
      await tx.execute(sql`
        update run_steps s set finished_at = now()
          from jsonb_to_recordset(${json}::jsonb) as v(w uuid, r uuid, s text)
         where s.workspace_id = v.w and s.run_id = v.r and s.step_id = v.s and s.finished_at is null`);
    }
    if (this.updates.length) {
      const json = JSON.stringify(this.updates);
      await tx.execute(sql`
        update workflow_runs r
           set status = v."status"::run_status, current_step_id = v."currentStepId", resume_step_id = v."resumeStepId",
               wake_at = v."wakeAt", wait_seq = v."waitSeq", state = v.state, error = v.error,
               finished_at = v."finishedAt", updated_at = now()
          from jsonb_to_recordset(${json}::jsonb) as v("workspaceId" uuid, id uuid, "status" text, "currentStepId" text,
               "resumeStepId" text, "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz)
         where r.workspace_id = v."workspaceId" and r.id = v.id`);
    }
    if (this.steps.length) await tx.insert(runSteps).values(this.steps);
    const convs = [...this.conversations.values()];
    if (convs.length) {
      const json = JSON.stringify(convs.map((c) => ({ w: c.workspaceId, id: c.id, a: c.assigneeId, t: c.teamId, touch: c.touch })));
      await tx.execute(sql`
        update conversations c
           set assignee_id = v.a, team_id = v.t,
               last_activity_at = case when v.touch then now() else c.last_activity_at end
          from jsonb_to_recordset(${json}::jsonb) as v(w uuid, id uuid, a uuid, t uuid, touch boolean)
         where c.workspace_id = v.w and c.id = v.id`);
    }
    if (this.events.length) await tx.insert(conversationEvents).values(this.events).onConflictDoNothing();
    if (this.comments.length) await tx.insert(comments).values(this.comments).onConflictDoNothing();
    if (this.cursors.size) {
      const json = JSON.stringify([...this.cursors.values()].map((c) => ({ w: c.workspaceId, k: c.poolKey, u: c.lastUserId })));
      await tx.execute(sql`
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from jsonb_to_recordset(${json}::jsonb) as v(w uuid, k text, u uuid)
         where a.workspace_id = v.w and a.pool_key = v.k`);
    }
    return inserted;
  }
}

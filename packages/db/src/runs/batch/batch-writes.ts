import { sql } from 'drizzle-orm';
import type { RunState } from '@baton/engine';
import type { Tx } from '../../client';
import { comments, conversationEvents, runSteps, workflowRuns } from '../../schema';
import type { AdvanceResult } from '../run-types';
import type { RunPlan } from './plan-run';
import { keyOf } from './batch-keys';

type NewRun = typeof workflowRuns.$inferInsert & { id: string; workspaceId: string; conversationId: string };
type ConversationWrite = { workspaceId: string; id: string; assigneeId: string | null; teamId: string | null; touch: boolean };

/**
 * Everything a batch of runs decided, gathered so each table gets one statement per batch
 * instead of one per run and step. The rows are exactly what advanceRun + applyEffects
 * write one by one (same effect keys, so a replay is still a no-op).
 */
export class BatchWrites {
  private readonly runs: NewRun[] = [];
  private readonly steps: (typeof runSteps.$inferInsert)[] = [];
  private readonly events: (typeof conversationEvents.$inferInsert)[] = [];
  private readonly comments: (typeof comments.$inferInsert)[] = [];
  private readonly conversations = new Map<string, ConversationWrite>();
  private readonly cursors = new Map<string, { workspaceId: string; poolKey: string; lastUserId: string }>();

  /** A run that goes through the step-by-step path after the flush: inserted as started. */
  addStartedRun(run: NewRun, trigger: typeof runSteps.$inferInsert): void {
    this.runs.push(run);
    this.steps.push(trigger);
  }

  /** A new run whose steps up to its first wait (or end) were planned in memory. */
  addPlannedRun(
    run: Omit<NewRun, 'status' | 'currentStepId' | 'resumeStepId' | 'wakeAt' | 'waitSeq' | 'state' | 'error' | 'finishedAt'>,
    trigger: typeof runSteps.$inferInsert,
    plan: Extract<RunPlan, { kind: 'planned' }>,
    conversation: { assigneeId: string | null; teamId: string | null },
  ): AdvanceResult {
    const { workspaceId, id: runId, conversationId } = run;
    const end = plan.end;
    this.runs.push({
      ...run,
      status: end.status,
      currentStepId: end.status === 'completed' ? null : end.stepId,
      resumeStepId: end.status === 'waiting' ? end.resumeStepId : null,
      wakeAt: end.status === 'waiting' ? new Date(end.wakeAt) : null,
      waitSeq: end.status === 'waiting' ? 1 : 0,
      state: plan.state as RunState,
      error: end.status === 'failed' ? end.error : null,
      finishedAt: end.status === 'waiting' ? null : new Date(plan.snapshot.now),
    });
    this.steps.push(trigger);
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
      wait: end.status === 'waiting' ? { workspaceId, runId, waitSeq: 1, wakeAt: new Date(end.wakeAt) } : null,
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

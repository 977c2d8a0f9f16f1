import { sql } from 'drizzle-orm';
import type { RunPlan, RunState } from '@baton/engine';
import type { Tx } from '../../client';
import type { comments, conversationEvents, runSteps, workflowRuns } from '../../schema';
import type { AdvanceResult } from '../run-types';
import { jsonRecords, keyOf } from './batch-keys';
import { effectEvent } from '../effect-event';
import { commitWith } from '../../batching/pipelined-transaction';

export type NewRun = typeof workflowRuns.$inferInsert & {
  id: string;
  workspaceId: string;
  conversationId: string;
};
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
  | {
      kind: 'insert';
      run: Omit<
        NewRun,
        | 'status'
        | 'currentStepId'
        | 'resumeStepId'
        | 'wakeAt'
        | 'waitSeq'
        | 'state'
        | 'error'
        | 'finishedAt'
      >;
      trigger: RunStepInsert;
    }
  | { kind: 'update'; waitSeq: number };
type ConversationWrite = {
  workspaceId: string;
  id: string;
  assigneeId: string | null;
  teamId: string | null;
  touch: boolean;
};

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
  private readonly events: Array<typeof conversationEvents.$inferInsert & { at: Date; i: number }> =
    [];
  private readonly comments: (typeof comments.$inferInsert)[] = [];
  private readonly conversations = new Map<string, ConversationWrite>();
  private readonly cursors = new Map<
    string,
    { workspaceId: string; poolKey: string; lastUserId: string }
  >();

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
    plan: RunPlan,
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
    const conv = this.conversations.get(convKey) ?? {
      workspaceId,
      id: conversationId,
      ...conversation,
      touch: false,
    };
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
          case 'unassign': {
            if (effect.type === 'assign') {
              conv.assigneeId = effect.userId;
              conv.teamId = effect.teamId;
            } else conv.assigneeId = null;
            const ctx = {
              conversationId,
              runId,
              stepId: step.stepId,
              explanation,
              assigneeBefore: assignee,
              effectKey,
            };
            this.events.push({
              at: startedAt,
              i: this.events.length,
              workspaceId,
              ...effectEvent(effect, ctx),
            });
            assignee = effect.type === 'assign' ? effect.userId : null;
            break;
          }
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
            this.cursors.set(keyOf(workspaceId, effect.pool), {
              workspaceId,
              poolKey: effect.pool,
              lastUserId: effect.userId,
            });
            break;
          case 'close':
            throw new Error('close effects are not written by the batch (advanceBatch defers them)');
        }
      }
    }
    return {
      runId,
      conversationId,
      status: end.status,
      wait:
        end.status === 'waiting'
          ? { workspaceId, runId, waitSeq: final.waitSeq, wakeAt: new Date(end.wakeAt) }
          : null,
      outboxEventIds: [],
    };
  }

  /**
   * Everything in one statement (data-modifying CTEs, one jsonb parameter per table): each
   * round trip inside the batch holds the conversation and cursor locks a little longer, and
   * on this hardware a round trip costs more than the rows. Foreign keys are checked at the
   * end of the statement, so steps may reference runs inserted beside them. Returns the ids
   * of the runs inserted. `last`: nothing follows in this transaction, so its COMMIT may
   * leave together with this statement (commitWith).
   */
  async flush(tx: Tx, { last = false }: { last?: boolean } = {}): Promise<string[]> {
    const j = (rows: unknown[]) => JSON.stringify(rows);
    const pending = tx.execute<{ inserted: string[] | null }>(sql`
      with
      finished_waits as (
        update run_steps s set finished_at = now()
          from ${jsonRecords(this.finishedWaits, 'v', 'w uuid, r uuid, s text')} v
         where s.workspace_id = v.w and s.run_id = v.r and s.step_id = v.s and s.finished_at is null
        returning 1),
      new_runs as (
        insert into workflow_runs (id, workspace_id, workflow_id, workflow_version_id, conversation_id, trigger_event_id,
                                   status, current_step_id, resume_step_id, wake_at, wait_seq, state, error, finished_at)
        select v.id, v."workspaceId", v."workflowId", v."workflowVersionId", v."conversationId", v."triggerEventId",
               v.status::run_status, v."currentStepId", v."resumeStepId", v."wakeAt", coalesce(v."waitSeq", 0), v.state, v.error, v."finishedAt"
          from jsonb_to_recordset(${j(this.runs)}::jsonb) as v(id uuid, "workspaceId" uuid, "workflowId" uuid, "workflowVersionId" uuid,
               "conversationId" uuid, "triggerEventId" uuid, status text, "currentStepId" text, "resumeStepId" text,
               "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz)
        on conflict do nothing
        returning id),
      updated_runs as (
        update workflow_runs r
           set status = v.status::run_status, current_step_id = v."currentStepId", resume_step_id = v."resumeStepId",
               wake_at = v."wakeAt", wait_seq = v."waitSeq", state = v.state, error = v.error,
               finished_at = v."finishedAt", updated_at = now()
          from ${jsonRecords(
            this.updates,
            'v',
            `"workspaceId" uuid, id uuid, status text, "currentStepId" text,
               "resumeStepId" text, "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz`,
          )} v
         where r.workspace_id = v."workspaceId" and r.id = v.id
        returning 1),
      steps as (
        insert into run_steps (workspace_id, run_id, seq, step_id, step_type, output, decision, effects, started_at, finished_at)
        select v."workspaceId", v."runId", v.seq, v."stepId", v."stepType", v.output, v.decision, v.effects,
               coalesce(v."startedAt", now()), v."finishedAt"
          from jsonb_to_recordset(${j(this.steps)}::jsonb) as v("workspaceId" uuid, "runId" uuid, seq int, "stepId" text,
               "stepType" text, output text, decision jsonb, effects jsonb, "startedAt" timestamptz, "finishedAt" timestamptz)
        returning 1),
      convs as (
        update conversations c
           set assignee_id = v.a, team_id = v.t,
               last_activity_at = case when v.touch then now() else c.last_activity_at end
          from ${jsonRecords(
            [...this.conversations.values()].map((c) => ({
              w: c.workspaceId,
              id: c.id,
              a: c.assigneeId,
              t: c.teamId,
              touch: c.touch,
            })),
            'v',
            'w uuid, id uuid, a uuid, t uuid, touch boolean',
          )} v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      events as (
        -- Stamped with the decision's database clock (the time the engine decided on, which
        -- wake times are computed from) plus 1 µs per row in decision order, so events
        -- committed together still sort in the order they were decided.
        insert into conversation_events (workspace_id, conversation_id, type, actor_type, workflow_run_id, from_user_id,
                                         to_user_id, team_id, reason, data, effect_key, created_at)
        select v."workspaceId", v."conversationId", v.type::conversation_event_type, v."actorType"::actor_type, v."workflowRunId",
               v."fromUserId", v."toUserId", v."teamId", v.reason, v.data, v."effectKey", v.at + v.i * interval '1 microsecond'
          from jsonb_to_recordset(${j(this.events)}::jsonb) as v("workspaceId" uuid, "conversationId" uuid, type text, "actorType" text,
               "workflowRunId" uuid, "fromUserId" uuid, "toUserId" uuid, "teamId" uuid, reason text, data jsonb, "effectKey" text,
               at timestamptz, i int)
        on conflict do nothing
        returning 1),
      notes as (
        insert into comments (workspace_id, conversation_id, workflow_run_id, body, mention_user_ids, effect_key)
        select v."workspaceId", v."conversationId", v."workflowRunId", v.body, coalesce(v."mentionUserIds", '{}'), v."effectKey"
          from jsonb_to_recordset(${j(this.comments)}::jsonb) as v("workspaceId" uuid, "conversationId" uuid, "workflowRunId" uuid,
               body text, "mentionUserIds" uuid[], "effectKey" text)
        on conflict do nothing
        returning 1),
      cursors as (
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from ${jsonRecords(
            [...this.cursors.values()].map((c) => ({
              w: c.workspaceId,
              k: c.poolKey,
              u: c.lastUserId,
            })),
            'v',
            'w uuid, k text, u uuid',
          )} v
         where a.workspace_id = v.w and a.pool_key = v.k
        returning 1)
      select (select array_agg(id) from new_runs) as inserted,
             (select count(*) from finished_waits) + (select count(*) from updated_runs) + (select count(*) from steps)
             + (select count(*) from convs) + (select count(*) from events) + (select count(*) from notes)
             + (select count(*) from cursors) as written`);
    const res = last ? await commitWith(tx, pending) : await pending;
    const inserted = res.rows[0]?.inserted ?? [];
    if (inserted.length !== this.runs.length)
      // Unreachable while events are claimed under lock: a run per (version, event) can
      // only exist once its event is processed. Fail the batch rather than double-apply.
      throw new Error(`${this.runs.length - inserted.length} run(s) of this batch already exist`);
    return inserted;
  }
}

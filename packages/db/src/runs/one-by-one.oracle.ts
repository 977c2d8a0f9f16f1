// Test-only: the step-by-step path that ran workflows before the batch writer closed
// conversations (runs/advance-run.ts, apply-effects.ts, load-snapshot.ts, load-pool.ts at
// 712824f), kept verbatim as the oracle of one-run-per-transaction semantics for
// one-writer.differential.int.test.ts. Production never imports it.
import { memberCapacitySql } from '../capacity/member-capacity.sql';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  applyEffectsToSnapshot,
  executeStep,
  findStep,
  firstStepAfterTrigger,
  initialRunState,
  matchesTrigger,
  MAX_STEPS_PER_RUN,
  parseDefinition,
  stepRequirements,
  type Candidate,
  type Effect,
  type Pool,
  type PoolKey,
  type RunState,
  type Snapshot,
  type TriggerEvent,
  type WorkflowDefinition,
} from '@baton/engine';
import {
  assignmentCursors,
  channels,
  comments,
  contacts,
  conversations,
  memberOpenCounts,
  memberships,
  messages,
  outboxEvents,
  runSteps,
  teamMembers,
  teams,
  users,
  workflowRuns,
  workflowVersions,
  workflows,
} from '../schema';
import { inTransaction, type Tenant, type TenantTx } from '../tenancy/tenant';
import { lockConversation, type ConversationRow } from '../conversations/lock-conversation';
import { recordConversationEvent } from '../conversations/record-conversation-event';
import { closeLockedConversation } from '../conversations/close-conversation';
import { effectEvent } from './effect-event';
import { conversationSnapshot } from './batch/conversation-snapshot';
import { loadWorkspaceCalendar } from '../schedules/load-workspace-calendar.sql';
import { lockRun } from './lock-run';
import { loadRunVersion } from './load-run-version';
import type { AdvanceResult, RunRow } from './run-types';

type AdvanceInput = {
  run: RunRow;
  conversation: ConversationRow;
  definition: WorkflowDefinition;
  workflowName: string;
  startStepId: string | null;
};

/**
 * Runs steps from `startStepId` until a wait, the end, or a failure — all inside the
 * caller's transaction, which already holds the conversation and run row locks. The
 * engine decides; this function only loads state and writes what was decided.
 */
async function advanceRun(tx: TenantTx, input: AdvanceInput): Promise<AdvanceResult> {
  const { run, definition } = input;
  let snapshot: Snapshot = await loadSnapshot(tx, input.conversation, {
    id: run.workflowId,
    name: input.workflowName,
  });
  let state: RunState = run.state;
  let stepId = input.startStepId;
  const outboxEventIds: string[] = [];
  const ref = { runId: run.id, conversationId: input.conversation.id };

  while (stepId) {
    const step = findStep(definition, stepId);
    if (!step)
      return finish(
        tx,
        ref,
        'failed',
        `Step ${stepId} is not in version ${run.workflowVersionId}`,
        outboxEventIds,
        { stepId, state },
      );
    if (state.stepsExecuted >= MAX_STEPS_PER_RUN) {
      return finish(
        tx,
        ref,
        'failed',
        `Stopped after ${MAX_STEPS_PER_RUN} steps`,
        outboxEventIds,
        { stepId, state },
      );
    }
    for (const key of stepRequirements(step).pools) {
      if (!snapshot.pools[key])
        snapshot = { ...snapshot, pools: { ...snapshot.pools, [key]: await loadPool(tx, key) } };
    }
    const outcome = executeStep({ definition, stepId, snapshot, state });
    const seq = outcome.state.stepsExecuted;
    const stepStarted = new Date(snapshot.now);
    await tx.db.insert(runSteps).values({
      workspaceId: tx.workspaceId,
      runId: run.id,
      seq,
      stepId,
      stepType: step.type,
      output: outcome.output,
      decision: outcome.decision,
      effects: outcome.effects,
      startedAt: stepStarted,
      finishedAt: outcome.next.type === 'wait' ? null : stepStarted,
    });
    outboxEventIds.push(
      ...(await applyEffects(
        tx,
        {
          runId: run.id,
          stepId,
          effectKey: `${run.id}:${seq}`,
          conversationId: input.conversation.id,
          assigneeBefore: snapshot.conversation.assigneeId,
          explanation: 'explanation' in outcome.decision ? outcome.decision.explanation : '',
        },
        outcome.effects,
      )),
    );
    snapshot = applyEffectsToSnapshot(snapshot, outcome.effects);
    state = outcome.state;

    if (outcome.next.type === 'wait') {
      const [row] = await tx.db
        .update(workflowRuns)
        .set({
          status: 'waiting',
          currentStepId: stepId,
          resumeStepId: outcome.next.resumeStepId,
          wakeAt: new Date(outcome.next.until),
          waitSeq: sql`${workflowRuns.waitSeq} + 1`,
          state,
          updatedAt: sql`now()`,
        })
        .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, run.id)))
        .returning({ waitSeq: workflowRuns.waitSeq, wakeAt: workflowRuns.wakeAt });
      return {
        runId: run.id,
        conversationId: input.conversation.id,
        status: 'waiting',
        wait: {
          workspaceId: tx.workspaceId,
          runId: run.id,
          waitSeq: row!.waitSeq,
          wakeAt: row!.wakeAt!,
        },
        outboxEventIds,
        deliveryMessageIds: [],
      };
    }
    // No write of the position between steps: this transaction holds the pool's cursor lock
    // from an assign step until commit, and each extra round trip lengthens every other
    // assigner's queue (bench/routing-probe.ts). The wait / finish update below records the
    // position; nothing outside this transaction can see the steps in between.
    stepId = outcome.next.stepId;
  }
  return finish(tx, ref, 'completed', null, outboxEventIds, { stepId: null, state });
}

async function finish(
  tx: TenantTx,
  ref: { runId: string; conversationId: string },
  status: 'completed' | 'failed',
  error: string | null,
  outboxEventIds: string[],
  position: { stepId: string | null; state: RunState },
): Promise<AdvanceResult> {
  await tx.db
    .update(workflowRuns)
    .set({
      status,
      error,
      wakeAt: null,
      resumeStepId: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      // A failed run keeps the step it failed at (retry starts there); a completed one has none.
      currentStepId: status === 'completed' ? null : position.stepId,
      state: position.state,
    })
    .where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, ref.runId)));
  return { ...ref, status, wait: null, outboxEventIds, deliveryMessageIds: [] };
}


type EffectContext = {
  runId: string;
  stepId: string;
  /** run id + step sequence: the idempotency key prefix of this step's effects. */
  effectKey: string;
  conversationId: string;
  /** Assignee before this step, to tell "assigned" from "reassigned". */
  assigneeBefore: string | null;
  explanation: string;
};

/**
 * Writes one step's effects. The caller holds the conversation lock; the effect keys make
 * a second application of the same step a no-op even if the run guard were bypassed.
 */
async function applyEffects(
  tx: TenantTx,
  ctx: EffectContext,
  effects: readonly Effect[],
): Promise<string[]> {
  const outboxEventIds: string[] = [];
  let assignee = ctx.assigneeBefore;
  for (const [i, effect] of effects.entries()) {
    const effectKey = `${ctx.effectKey}:${i}`;
    const where = and(
      eq(conversations.workspaceId, tx.workspaceId),
      eq(conversations.id, ctx.conversationId),
    );
    switch (effect.type) {
      case 'assign': {
        await tx.db
          .update(conversations)
          .set({ assigneeId: effect.userId, teamId: effect.teamId })
          .where(where);
        await recordConversationEvent(tx, effectEvent(effect, { ...ctx, assigneeBefore: assignee, effectKey }));
        assignee = effect.userId;
        break;
      }
      case 'enqueue':
        await tx.db
          .update(conversations)
          .set(effect.teamId === null ? { assigneeId: null } : { assigneeId: null, teamId: effect.teamId })
          .where(where);
        await recordConversationEvent(tx, effectEvent(effect, { ...ctx, assigneeBefore: assignee, effectKey }));
        assignee = null;
        break;
      case 'unassign':
        await tx.db.update(conversations).set({ assigneeId: null }).where(where);
        await recordConversationEvent(tx, effectEvent(effect, { ...ctx, assigneeBefore: assignee, effectKey }));
        assignee = null;
        break;
      case 'comment':
        await tx.db
          .insert(comments)
          .values({
            workspaceId: tx.workspaceId,
            conversationId: ctx.conversationId,
            workflowRunId: ctx.runId,
            body: effect.text,
            mentionUserIds: effect.mentionUserIds,
            effectKey,
          })
          .onConflictDoNothing();
        await tx.db
          .update(conversations)
          .set({ lastActivityAt: sql`now()` })
          .where(where);
        break;
      case 'send_message': {
        const [conv] = await tx.db
          .select({ channelId: conversations.channelId, outboundUrl: channels.outboundUrl })
          .from(conversations)
          .innerJoin(channels, eq(channels.id, conversations.channelId))
          .where(where);
        await tx.db
          .insert(messages)
          .values({
            workspaceId: tx.workspaceId,
            conversationId: ctx.conversationId,
            channelId: conv!.channelId,
            direction: 'outgoing',
            automated: true,
            workflowRunId: ctx.runId,
            text: effect.text,
            deliveryStatus: conv!.outboundUrl ? 'pending' : null,
            effectKey,
          })
          .onConflictDoNothing();
        await tx.db
          .update(conversations)
          .set({ lastActivityAt: sql`now()`, lastOutgoingAt: sql`now()`, lastMessagePreview: effect.text.slice(0, 140) })
          .where(where);
        break;
      }
      case 'close': {
        const closed = await closeLockedConversation(tx, ctx.conversationId, {
          type: 'workflow',
          runId: ctx.runId,
          effectKey,
        });
        outboxEventIds.push(...closed.outboxEventIds);
        break;
      }
      case 'set_contact_field':
      case 'add_tag':
      case 'remove_tag':
        outboxEventIds.push(...(await applyContactEffect(tx, ctx.conversationId, effect)));
        break;
      case 'set_priority':
        await tx.db.update(conversations).set({ priority: effect.priority }).where(where);
        break;
      case 'advance_cursor':
        await tx.db
          .update(assignmentCursors)
          .set({ lastUserId: effect.userId, updatedAt: sql`now()` })
          .where(
            and(
              eq(assignmentCursors.workspaceId, tx.workspaceId),
              eq(assignmentCursors.poolKey, effect.pool),
            ),
          );
        break;
    }
  }
  return outboxEventIds;
}

/** A contact effect written on its own (the batch merges them per contact): row, then outbox. */
async function applyContactEffect(
  tx: TenantTx,
  conversationId: string,
  effect: Extract<Effect, { type: 'set_contact_field' | 'add_tag' | 'remove_tag' }>,
): Promise<string[]> {
  const [conv] = await tx.db
    .select({ contactId: conversations.contactId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)));
  const where = and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, conv!.contactId));
  if (effect.type === 'set_contact_field')
    await tx.db
      .update(contacts)
      .set({ fields: effect.value === null ? sql`${contacts.fields} - ${effect.key}::text` : sql`${contacts.fields} || jsonb_build_object(${effect.key}::text, ${effect.value}::text)` })
      .where(where);
  else if (effect.type === 'add_tag')
    await tx.db.update(contacts).set({ tags: sql`array_remove(${contacts.tags}, ${effect.tag}::text) || array[${effect.tag}::text]` }).where(where);
  else await tx.db.update(contacts).set({ tags: sql`array_remove(${contacts.tags}, ${effect.tag}::text)` }).where(where);
  if (effect.type === 'remove_tag') return [];
  const type = effect.type === 'add_tag' ? 'contact.tag_added' : 'contact.field_changed';
  const [listening] = await tx.db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.status, 'published'), eq(workflows.triggerEvent, type)))
    .limit(1);
  if (!listening) return [];
  const [row] = await tx.db
    .insert(outboxEvents)
    .values({
      workspaceId: tx.workspaceId,
      type,
      conversationId,
      source: 'workflow',
      payload: effect.type === 'add_tag' ? { tag: effect.tag } : { key: effect.key, value: effect.value },
    })
    .returning({ id: outboxEvents.id });
  return [row!.id];
}

/** Conversation state as the engine sees it; pools are added per step by loadPool. */
async function loadSnapshot(
  tx: TenantTx,
  conversation: ConversationRow,
  workflow: { id: string; name: string },
): Promise<Snapshot> {
  // Sequential on purpose: a transaction is one connection, and pg queues (and will
  // reject) concurrent queries on one client.
  const now = await dbNow(tx);
  const [contact] = await tx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, conversation.contactId)));
  const members = await tx.db
    .select({ id: users.id, name: users.name, availability: memberships.availability, skills: memberships.skills })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, tx.workspaceId));
  const teamRows = await tx.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, tx.workspaceId));
  return {
    now,
    workflow,
    conversation: conversationSnapshot(conversation),
    contact: {
      id: contact!.id,
      name: contact!.name,
      fields: contact!.fields,
      tags: contact!.tags,
    },
    users: Object.fromEntries(members.map((m) => [m.id, m])),
    teams: Object.fromEntries(teamRows.map((t) => [t.id, t])),
    pools: {},
    calendar: await loadWorkspaceCalendar(tx),
  };
}


/**
 * Loads an assignment pool and locks its round-robin cursor row for the rest of the
 * transaction, so concurrent assignments to one pool are decided one after another on
 * fresh open counts — never two assigners picking the same "next" agent.
 */
async function loadPool(tx: TenantTx, key: PoolKey): Promise<Pool> {
  const members = await loadMembers(tx, key);
  if (key.startsWith('user:'))
    return { key, candidates: await withOpenCounts(tx, members), cursorUserId: null };
  await tx.db
    .insert(assignmentCursors)
    .values({ workspaceId: tx.workspaceId, poolKey: key })
    .onConflictDoNothing();
  const [cursor] = await tx.db
    .select({ lastUserId: assignmentCursors.lastUserId })
    .from(assignmentCursors)
    .where(
      and(eq(assignmentCursors.workspaceId, tx.workspaceId), eq(assignmentCursors.poolKey, key)),
    )
    .for('update');

  return {
    key,
    candidates: await withOpenCounts(tx, members),
    cursorUserId: cursor?.lastUserId ?? null,
  };
}

type Member = { userId: string; name: string; availability: Candidate['availability']; capacity: number | null };

async function withOpenCounts(tx: TenantTx, members: Member[]): Promise<Candidate[]> {
  // Kept by a trigger on conversations (migration 0007): one row per member, not a count.
  const counts = members.length
    ? await tx.db
        .select({ userId: memberOpenCounts.userId, n: memberOpenCounts.openCount })
        .from(memberOpenCounts)
        .where(
          and(
            eq(memberOpenCounts.workspaceId, tx.workspaceId),
            inArray(
              memberOpenCounts.userId,
              members.map((m) => m.userId),
            ),
          ),
        )
    : [];
  const openBy = new Map(counts.map((c) => [c.userId, c.n]));
  return members.map((m) => ({
    userId: m.userId,
    name: m.name,
    availability: m.availability,
    openCount: openBy.get(m.userId) ?? 0,
    capacity: m.capacity,
    inPool: true,
  }));
}

async function loadMembers(tx: TenantTx, key: PoolKey): Promise<Member[]> {
  const base = {
    userId: memberships.userId,
    name: users.name,
    availability: memberships.availability,
    capacity: memberCapacitySql(sql`${memberships.workspaceId}`, sql`${memberships.userId}`),
  };
  if (key.startsWith('team:')) {
    const teamId = key.slice('team:'.length);
    // Rotation order = the order people joined the team: stable across calls.
    return tx.db
      .select(base)
      .from(teamMembers)
      .innerJoin(
        memberships,
        and(
          eq(memberships.workspaceId, teamMembers.workspaceId),
          eq(memberships.userId, teamMembers.userId),
        ),
      )
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.workspaceId, tx.workspaceId), eq(teamMembers.teamId, teamId)))
      .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId));
  }
  const query = tx.db
    .select(base)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId));
  if (key.startsWith('user:')) {
    return query.where(
      and(
        eq(memberships.workspaceId, tx.workspaceId),
        eq(memberships.userId, key.slice('user:'.length)),
      ),
    );
  }
  return query
    .where(eq(memberships.workspaceId, tx.workspaceId))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
}

/** Starts the runs of one outbox event in its own transaction, one run after the other. */
export function startOneByOne(t: Tenant, eventId: string): Promise<AdvanceResult[]> {
  return inTransaction(t, async (tx) => {
    const [peek] = await tx.db
      .select({ conversationId: outboxEvents.conversationId })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, tx.workspaceId), eq(outboxEvents.id, eventId)));
    if (!peek) return [];
    await lockConversation(tx, peek.conversationId);
    const [event] = await tx.db
      .update(outboxEvents)
      .set({ processedAt: sql`now()` })
      .where(and(eq(outboxEvents.workspaceId, tx.workspaceId), eq(outboxEvents.id, eventId), isNull(outboxEvents.processedAt)))
      .returning();
    if (!event) return [];
    const candidates = await tx.db
      .select({ workflowId: workflows.id, workflowName: workflows.name, versionId: workflowVersions.id, definition: workflowVersions.definition, publishedAt: workflowVersions.publishedAt })
      .from(workflows)
      .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.status, 'published'), eq(workflows.triggerEvent, event.type)))
      .orderBy(asc(workflows.createdAt), asc(workflows.id));
    const results: AdvanceResult[] = [];
    for (const c of candidates) {
      const definition = parseDefinition(c.definition);
      if (!c.publishedAt || c.publishedAt.getTime() > event.createdAt.getTime()) continue;
      if (!matchesTrigger(definition.trigger.config, { type: event.type as TriggerEvent, source: event.source, payload: event.payload })) continue;
      const now = await dbNow(tx);
      const [run] = await tx.db
        .insert(workflowRuns)
        .values({
          workspaceId: tx.workspaceId,
          workflowId: c.workflowId,
          workflowVersionId: c.versionId,
          conversationId: event.conversationId,
          triggerEventId: event.id,
          status: 'running',
          currentStepId: definition.trigger.id,
          state: initialRunState(),
        })
        .returning();
      await tx.db.insert(runSteps).values({
        workspaceId: tx.workspaceId,
        runId: run!.id,
        seq: 0,
        stepId: definition.trigger.id,
        stepType: 'trigger',
        output: 'next',
        decision: { kind: 'trigger', event: event.type, source: event.source, explanation: `Started by ${event.type} (source: ${event.source}).` },
        finishedAt: new Date(now),
      });
      results.push(
        await advanceRun(tx, {
          run: run!,
          conversation: await lockConversation(tx, event.conversationId),
          definition,
          workflowName: c.workflowName,
          startStepId: firstStepAfterTrigger(definition),
        }),
      );
    }
    return results;
  });
}

/** Resumes one waiting run (its timer fired, forced) in its own transaction. */
export function resumeOneByOne(t: Tenant, runId: string, waitSeq: number): Promise<AdvanceResult | 'stale'> {
  return inTransaction(t, async (tx) => {
    const { run, conversation } = await lockRun(tx, runId);
    if (run.status !== 'waiting' || run.waitSeq !== waitSeq) return 'stale';
    if (run.currentStepId)
      await tx.db
        .update(runSteps)
        .set({ finishedAt: sql`now()` })
        .where(and(eq(runSteps.workspaceId, tx.workspaceId), eq(runSteps.runId, run.id), eq(runSteps.stepId, run.currentStepId), isNull(runSteps.finishedAt)));
    const version = await loadRunVersion(tx, run);
    return advanceRun(tx, {
      run: { ...run, status: 'running' },
      conversation,
      definition: version.definition,
      workflowName: version.workflowName,
      startStepId: run.resumeStepId,
    });
  });
}

/** The database clock (the step path read it before each run). */
async function dbNow(tx: TenantTx): Promise<number> {
  const res = await tx.db.execute<{ ms: string }>(sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms`);
  return Number(res.rows[0]!.ms);
}

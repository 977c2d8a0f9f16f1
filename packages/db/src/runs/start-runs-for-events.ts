import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  firstStepAfterTrigger,
  initialRunState,
  matchesTrigger,
  parseDefinition,
  requirementsUntilWait,
  type PoolKey,
  type Snapshot,
  type TriggerEvent,
  type WorkflowDefinition,
} from '@baton/engine';
import type { Database, Executor, Tx } from '../client';
import { workflowVersions, workflows } from '../schema';
import { toWorkspaceId } from '../tenancy/workspace-id';
import type { TenantTx } from '../tenancy/tenant';
import { lockConversation, type ConversationRow } from '../conversations/lock-conversation';
import { advanceRun } from './advance-run';
import type { AdvanceResult, RunRow } from './run-types';
import { claimBatchEvents, type OutboxEventRow } from './batch/claim-batch-events';
import { loadBatchWorld } from './batch/load-batch-world';
import { loadBatchPools, type PoolRef } from './batch/load-batch-pools';
import { planRun } from './batch/plan-run';
import { BatchWrites } from './batch/batch-writes';
import { keyOf } from './batch/batch-keys';

export type EventRef = { workspaceId: string; eventId: string };
export type EventRunsResult = EventRef & { results: AdvanceResult[] };

/**
 * Starts the runs of a batch of outbox events — of any workspaces — in one transaction:
 * every published workflow whose trigger matches an event gets a run, advanced to its first
 * wait. Same outcome as handling the events one by one, in a handful of statements per batch
 * rather than ~20 per event. Delivered twice, an event does nothing the second time (it is
 * claimed — marked processed — under lock, and runs are unique per version and event).
 */
export function startRunsForEvents(db: Executor, refs: readonly EventRef[]): Promise<EventRunsResult[]> {
  for (const r of refs) toWorkspaceId(r.workspaceId);
  if (refs.length === 0) return Promise.resolve([]);
  return (db as Database).transaction((tx) => startInTransaction(tx, refs));
}

type Candidate = {
  workspaceId: string;
  workflowId: string;
  workflowName: string;
  versionId: string;
  triggerEvent: string | null;
  publishedAt: Date;
  definition: WorkflowDefinition;
};

async function startInTransaction(tx: Tx, refs: readonly EventRef[]): Promise<EventRunsResult[]> {
  const claimed = await claimBatchEvents(tx, refs.map((r) => ({ workspaceId: r.workspaceId, id: r.eventId })));
  const byEvent = new Map<string, AdvanceResult[]>();
  const output = () => refs.map((r) => ({ ...r, results: byEvent.get(keyOf(r.workspaceId, r.eventId)) ?? [] }));
  if (claimed.events.length === 0) return output();

  const candidates = await loadCandidates(tx, claimed.events);
  const runsOf = claimed.events.map((event) => ({ event, workflows: matchingWorkflows(event, candidates) }));
  const planned = runsOf.filter((r) => r.workflows.length > 0);
  if (planned.length === 0) return output();

  const world = await loadBatchWorld(
    tx,
    claimed.now,
    planned.map((r) => r.event.workspaceId),
    planned.map((r) => {
      const conv = claimed.conversations.get(keyOf(r.event.workspaceId, r.event.conversationId))!;
      return { workspaceId: conv.workspaceId, id: conv.contactId };
    }),
  );
  const poolRefs: PoolRef[] = planned.flatMap((r) =>
    r.workflows.flatMap((w) =>
      requirementsUntilWait(w.definition, firstStepAfterTrigger(w.definition)).pools.map((key: PoolKey) => ({ workspaceId: w.workspaceId, key })),
    ),
  );
  const pools = await loadBatchPools(tx, poolRefs, world.members);

  const writes = new BatchWrites();
  const conversationNow = new Map<string, Snapshot['conversation']>();
  const deferredConversations = new Set<string>();
  const deferred: Array<{ event: OutboxEventRow; workflow: Candidate; runId: string }> = [];

  for (const { event, workflows: matching } of planned) {
    const convKey = keyOf(event.workspaceId, event.conversationId);
    const row = claimed.conversations.get(convKey)!;
    const users = Object.fromEntries((world.members.get(event.workspaceId) ?? []).map((m) => [m.id, m]));
    for (const workflow of matching) {
      const runId = randomUUID();
      const base = {
        id: runId,
        workspaceId: event.workspaceId,
        workflowId: workflow.workflowId,
        workflowVersionId: workflow.versionId,
        conversationId: event.conversationId,
        triggerEventId: event.id,
      };
      const trigger = {
        workspaceId: event.workspaceId,
        runId,
        seq: 0,
        stepId: workflow.definition.trigger.id,
        stepType: 'trigger',
        output: 'next',
        decision: {
          kind: 'trigger',
          event: event.type,
          source: event.source,
          explanation: `Started by ${event.type} (source: ${event.source}).`,
        },
        finishedAt: new Date(world.now),
      };
      const defer = () => {
        deferredConversations.add(convKey);
        deferred.push({ event, workflow, runId });
        writes.addStartedRun(
          { ...base, status: 'running', currentStepId: workflow.definition.trigger.id, state: initialRunState() },
          trigger,
        );
      };
      if (deferredConversations.has(convKey)) {
        defer();
        continue;
      }
      const conversation = conversationNow.get(convKey) ?? conversationSnapshot(row);
      const poolsBefore = pools.get(event.workspaceId) ?? {};
      const plan = planRun({
        definition: workflow.definition,
        versionId: workflow.versionId,
        startStepId: firstStepAfterTrigger(workflow.definition),
        state: initialRunState(),
        snapshot: {
          now: world.now,
          workflow: { id: workflow.workflowId, name: workflow.workflowName },
          conversation,
          contact: world.contacts.get(keyOf(row.workspaceId, row.contactId))!,
          users,
          teams: world.teams.get(event.workspaceId) ?? {},
          pools: poolsBefore,
        },
      });
      if (plan.kind === 'deferred') {
        defer();
        continue;
      }
      // The next run in this batch — same pool, maybe another conversation — sees this
      // run's rotation and open counts, exactly as if it had committed first.
      pools.set(event.workspaceId, plan.snapshot.pools);
      conversationNow.set(convKey, plan.snapshot.conversation);
      const result = writes.addPlannedRun(base, trigger, plan, conversation);
      push(byEvent, event, result);
    }
  }

  const inserted = await writes.flush(tx);
  if (deferred.length) {
    const rows = new Map<string, RunRow>(inserted.map((r) => [r.id, r]));
    for (const { event, workflow, runId } of deferred) {
      const scoped: TenantTx = { db: tx, workspaceId: toWorkspaceId(event.workspaceId) };
      push(
        byEvent,
        event,
        await advanceRun(scoped, {
          run: rows.get(runId)!,
          conversation: await lockConversation(scoped, event.conversationId),
          definition: workflow.definition,
          workflowName: workflow.workflowName,
          startStepId: firstStepAfterTrigger(workflow.definition),
        }),
      );
    }
  }
  return output();
}

function push(map: Map<string, AdvanceResult[]>, event: OutboxEventRow, result: AdvanceResult) {
  const key = keyOf(event.workspaceId, event.id);
  map.set(key, [...(map.get(key) ?? []), result]);
}

function conversationSnapshot(c: ConversationRow): Snapshot['conversation'] {
  return {
    id: c.id,
    status: c.status,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    channelId: c.channelId,
    openedAt: c.openedAt.getTime(),
    lastIncomingAt: c.lastIncomingAt?.getTime() ?? null,
    lastOutgoingAt: c.lastOutgoingAt?.getTime() ?? null,
    openedBy: c.openedBy,
  };
}

function matchingWorkflows(event: OutboxEventRow, candidates: readonly Candidate[]): Candidate[] {
  // A manual event names the one workflow it starts.
  const only = event.type === 'manual' ? (event.payload as { workflowId?: string }).workflowId : undefined;
  return candidates.filter(
    (c) =>
      c.workspaceId === event.workspaceId &&
      c.triggerEvent === event.type &&
      // A workflow reacts to what happens after it is published, not to a backlog.
      c.publishedAt.getTime() <= event.createdAt.getTime() &&
      (!only || c.workflowId === only) &&
      matchesTrigger(c.definition.trigger.config, { type: event.type as TriggerEvent, source: event.source }),
  );
}

// Published versions are immutable (a database trigger rejects updates), so a parsed
// definition can be reused for as long as the process lives; bounded to stay small.
const parsed = new Map<string, WorkflowDefinition>();
function parseVersion(versionId: string, raw: unknown): WorkflowDefinition {
  let definition = parsed.get(versionId);
  if (!definition) {
    definition = parseDefinition(raw);
    if (parsed.size >= 500) parsed.delete(parsed.keys().next().value!);
    parsed.set(versionId, definition);
  }
  return definition;
}

async function loadCandidates(tx: Tx, events: readonly OutboxEventRow[]): Promise<Candidate[]> {
  const rows = await tx
    .select({
      workspaceId: workflows.workspaceId,
      workflowId: workflows.id,
      workflowName: workflows.name,
      versionId: workflowVersions.id,
      triggerEvent: workflows.triggerEvent,
      publishedAt: workflowVersions.publishedAt,
      definition: workflowVersions.definition,
    })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
    .where(
      and(
        inArray(workflows.workspaceId, [...new Set(events.map((e) => e.workspaceId))]),
        eq(workflows.status, 'published'),
        inArray(workflows.triggerEvent, [...new Set(events.map((e) => e.type as string))]),
      ),
    )
    .orderBy(asc(workflows.createdAt), asc(workflows.id));
  return rows.map((r) => ({ ...r, definition: parseVersion(r.versionId, r.definition) }));
}

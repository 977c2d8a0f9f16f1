import { randomUUID } from 'node:crypto';
import {
  firstStepAfterTrigger,
  initialRunState,
  matchesTrigger,
  type TriggerEvent,
  type WorkflowDefinition,
} from '@baton/engine';
import type { Executor, Tx } from '../client';
import { pipelinedTransaction } from '../batching/pipelined-transaction';
import { toWorkspaceId } from '../tenancy/workspace-id';
import type { AdvanceResult } from './run-types';
import { claimBatchEvents, type CandidateRow, type ClaimedEvents, type OutboxEventRow } from './batch/claim-batch-events.sql';
import { advanceBatch, type BatchRun } from './batch/advance-batch';
import { startBatchPools, type StartedBatchPools } from './batch/load-batch-pools';
import { learnPoolHints, poolHintStats, predictPools, withPoolHints } from './batch/pool-hints';
import { definitionsOf } from './batch/definition-cache';
import { keyOf } from '../sql/json-recordset';

export type EventRef = { workspaceId: string; eventId: string };
export type EventRunsResult = EventRef & { results: AdvanceResult[] };

/**
 * Starts the runs of a batch of outbox events — of any workspaces — in one transaction:
 * every published workflow whose trigger matches an event gets a run, advanced to its first
 * wait. Same outcome as handling the events one by one, in a handful of statements per batch
 * rather than ~20 per event. Delivered twice, an event does nothing the second time (it is
 * claimed — marked processed — under lock, and runs are unique per version and event).
 */
export function startRunsForEvents(
  db: Executor,
  refs: readonly EventRef[],
): Promise<EventRunsResult[]> {
  for (const r of refs) toWorkspaceId(r.workspaceId);
  if (refs.length === 0) return Promise.resolve([]);
  return withPoolHints((hinted) => pipelinedTransaction(db, (tx) => startRunsInTransaction(tx, refs, { poolHints: hinted })));
}

type Candidate = Omit<CandidateRow, 'definition'> & { definition: WorkflowDefinition };

/** Batches whose claim left with the caller's last write (issued ahead): tests and diagnostics. */
export const claimStats = { ahead: 0 };

/** A claim issued ahead (pipelined behind the caller's last write), with its predicted pools. */
export type IssuedClaim = {
  refs: readonly EventRef[];
  claiming: Promise<ClaimedEvents>;
  startedPools: StartedBatchPools | undefined;
};

/**
 * Issues the claim of `refs` now, without waiting for it, and — with `poolHints` — the cursor
 * locks of the pools this process last saw these workspaces' workflows reach (pool-hints.ts)
 * behind it: one round trip for both. Postgres runs them in order, so the cursors are still
 * locked after the conversations, as everywhere.
 */
export function issueClaim(tx: Tx, refs: readonly EventRef[], poolHints: boolean): IssuedClaim {
  const claiming = claimBatchEvents(
    tx,
    refs.map((r) => ({ workspaceId: r.workspaceId, id: r.eventId })),
  );
  // A caller that fails before awaiting it must not leave an unhandled rejection.
  claiming.catch(() => {});
  const predicted = poolHints ? predictPools(refs.map((r) => r.workspaceId)) : null;
  if (predicted) poolHintStats.predicted += 1;
  return { refs, claiming, startedPools: predicted ? startBatchPools(tx, predicted) : undefined };
}

/**
 * The same inside a caller's transaction (the API's inbound batch starts the runs of the
 * events it just wrote). COMMIT may leave with the batch's last write: nothing may follow.
 */
export async function startRunsInTransaction(
  tx: Tx,
  refs: readonly EventRef[],
  /**
   * `poolHints`: the predicted pools are locked in the claim's round trip — one round trip
   * fewer per batch. When they do not cover the runs, StalePoolHints is thrown: the caller
   * rolls back and runs it again without. `issued`: the claim was already issued (issueClaim,
   * behind the caller's last write) for these refs or more.
   */
  { poolHints = false, issued }: { poolHints?: boolean; issued?: IssuedClaim } = {},
): Promise<EventRunsResult[]> {
  if (refs.length === 0 && !issued) return [];
  if (issued) {
    const ahead = new Set(issued.refs.map((r) => keyOf(r.workspaceId, r.eventId)));
    if (!refs.every((r) => ahead.has(keyOf(r.workspaceId, r.eventId))))
      // Unreachable by construction (the caller issues it only when no event follows its last
      // write); fail the batch rather than leave an event unclaimed in a committed batch.
      throw new Error('the claim issued ahead does not cover the events of the batch');
    claimStats.ahead += 1;
  }
  const { claiming, startedPools } = issued ?? issueClaim(tx, refs, poolHints);
  const claimed = await claiming;
  const byEvent = new Map<string, AdvanceResult[]>();
  const output = () =>
    refs.map((r) => ({ ...r, results: byEvent.get(keyOf(r.workspaceId, r.eventId)) ?? [] }));
  if (claimed.events.length === 0) return output();

  const definitions = await definitionsOf(
    tx,
    claimed.candidates.map((c) => ({ id: c.versionId, definition: c.definition })),
  );
  const candidates: Candidate[] = claimed.candidates.map((c) => ({
    ...c,
    definition: definitions.get(c.versionId)!,
  }));
  learnPoolHints(claimed.events, candidates);
  const runsOf = claimed.events.map((event) => ({
    event,
    workflows: matchingWorkflows(event, candidates),
  }));
  const planned = runsOf.filter((r) => r.workflows.length > 0);
  if (planned.length === 0) return output();

  const batch: BatchRun[] = [];
  const eventOfRun = new Map<string, OutboxEventRow>();
  for (const { event, workflows: matching } of planned) {
    for (const workflow of matching) {
      const runId = randomUUID();
      eventOfRun.set(runId, event);
      batch.push({
        kind: 'new',
        workspaceId: event.workspaceId,
        runId,
        conversationId: event.conversationId,
        workflowId: workflow.workflowId,
        workflowName: workflow.workflowName,
        versionId: workflow.versionId,
        definition: workflow.definition,
        startStepId: firstStepAfterTrigger(workflow.definition),
        state: initialRunState(),
        insert: {
          id: runId,
          workspaceId: event.workspaceId,
          workflowId: workflow.workflowId,
          workflowVersionId: workflow.versionId,
          conversationId: event.conversationId,
          triggerEventId: event.id,
        },
        trigger: {
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
          finishedAt: new Date(claimed.now),
        },
      });
    }
  }
  // Nothing follows in this transaction: COMMIT leaves with the batch's writes.
  const advanced = await advanceBatch(tx, claimed.conversations, batch, {
    world: claimed.world,
    lastInTransaction: true,
    startedPools,
  });
  for (const run of batch) push(byEvent, eventOfRun.get(run.runId)!, advanced.get(run.runId)!);
  return output();
}

function push(map: Map<string, AdvanceResult[]>, event: OutboxEventRow, result: AdvanceResult) {
  const key = keyOf(event.workspaceId, event.id);
  map.set(key, [...(map.get(key) ?? []), result]);
}

function matchingWorkflows(event: OutboxEventRow, candidates: readonly Candidate[]): Candidate[] {
  // A manual event names the one workflow it starts.
  const only =
    event.type === 'manual' ? (event.payload as { workflowId?: string }).workflowId : undefined;
  return candidates.filter(
    (c) =>
      c.workspaceId === event.workspaceId &&
      c.triggerEvent === event.type &&
      // A workflow reacts to what happens after it is published, not to a backlog.
      c.publishedAt.getTime() <= event.createdAt.getTime() &&
      (!only || c.workflowId === only) &&
      matchesTrigger(c.definition.trigger.config, {
        type: event.type as TriggerEvent,
        source: event.source,
        payload: event.payload,
      }),
  );
}

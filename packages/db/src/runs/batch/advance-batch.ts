import {
  requirementsUntilWait,
  runUntilPause,
  type RunState,
  type Snapshot,
  type WorkflowDefinition,
  utcCalendar,
} from '@baton/engine';
import type { Tx } from '../../client';
import type { ConversationRow } from '../../conversations/lock-conversation';
import { conversationSnapshot } from './conversation-snapshot';
import type { AdvanceResult, RunRow } from '../run-types';
import type { BatchWorld } from './load-batch-world';
import {
  coversPools,
  finishBatchPools,
  startBatchPools,
  type StartedBatchPools,
} from './load-batch-pools';
import { BatchWrites, type NewRun, type RunStepInsert } from './batch-writes';
import { keyOf } from '../../sql/json-recordset';

/** One run to advance in a batch: a new one (with its trigger step) or a resumed one. */
export type BatchRun = {
  workspaceId: string;
  runId: string;
  conversationId: string;
  workflowId: string;
  workflowName: string;
  versionId: string;
  definition: WorkflowDefinition;
  startStepId: string | null;
  state: RunState;
} & (
  | {
      kind: 'new';
      insert: Omit<NewRun, 'status' | 'currentStepId' | 'state'>;
      trigger: RunStepInsert;
    }
  | {
      kind: 'resumed';
      row: RunRow;
      waitStepId: string | null;
      /**
       * A queue drain re-running a queued assign step before its timeout: why ("Carol came
       * online"), and the run is left untouched (no row, no write) if it is still queued.
       */
      queueWake?: Record<string, string>;
    }
);

/** The run re-checked its queue and is still waiting in it: nothing to write. */
function stillQueued(run: BatchRun, plan: ReturnType<typeof runUntilPause>): boolean {
  const held = run.state.queue;
  return (
    held !== null &&
    held !== undefined &&
    plan.end.status === 'waiting' &&
    plan.end.stepId === held.stepId &&
    plan.state.queue?.since === held.since &&
    plan.steps.length === 1
  );
}

/**
 * Advances a batch of runs whose conversations the caller has locked (and whose world — members,
 * teams, contacts — it read in the same statement): locks every pool the runs can reach
 * before their next wait (sorted), plans each run in memory with the engine's one loop
 * (runUntilPause) — in order, each seeing the rotation, open counts and conversation changes
 * of the runs before it, as if they had committed first — and writes everything, closes
 * included, in one statement.
 */
export async function advanceBatch(
  tx: Tx,
  conversations: ReadonlyMap<string, ConversationRow>,
  runs: readonly BatchRun[],
  opts: {
    /** Members, teams and contacts, read by the caller in the statement that took the locks. */
    world: BatchWorld;
    /** Nothing follows in the caller's transaction: COMMIT may leave with the last write. */
    lastInTransaction?: boolean;
    /**
     * Pools the caller already started locking (startBatchPools, pipelined behind its lock
     * statement). They must cover every pool the runs can reach, or StalePoolHints is thrown
     * (the caller retries without them): taking more cursors now could invert the lock order.
     */
    startedPools?: StartedBatchPools;
  },
): Promise<Map<string, AdvanceResult>> {
  const results = new Map<string, AdvanceResult>();
  if (runs.length === 0) return results;
  const { world } = opts;
  const needed = runs.flatMap((r) =>
    requirementsUntilWait(r.definition, r.startStepId).pools.map((key) => ({
      workspaceId: r.workspaceId,
      key,
    })),
  );
  if (opts.startedPools && !coversPools(opts.startedPools, needed)) throw new StalePoolHints();
  const pools = await finishBatchPools(
    tx,
    opts.startedPools ?? startBatchPools(tx, needed),
    world.members,
    [...conversations.values()].flatMap((c) =>
      c.assigneeId ? [{ workspaceId: c.workspaceId, userId: c.assigneeId }] : [],
    ),
  );

  const writes = new BatchWrites();
  const conversationNow = new Map<string, Snapshot['conversation']>();
  // A contact written by a run earlier in the batch is seen as written by the next one.
  const contactNow = new Map<string, Snapshot['contact']>();
  const users = new Map<string, Snapshot['users']>();

  for (const run of runs) {
    const convKey = keyOf(run.workspaceId, run.conversationId);
    const row = conversations.get(convKey);
    if (!row)
      throw new Error(`conversation ${run.conversationId} of run ${run.runId} is not locked`);
    if (run.kind === 'resumed') {
      if (writes.closedInBatch(run.workspaceId, run.conversationId)) {
        results.set(run.runId, writes.cancelResumed(run.row, world.now));
        continue;
      }
    }
    const conversation = conversationNow.get(convKey) ?? conversationSnapshot(row);
    const contactKey = keyOf(row.workspaceId, row.contactId);
    const contact = contactNow.get(contactKey) ?? world.contacts.get(contactKey);
    if (!contact)
      throw new Error(`contact ${row.contactId} of conversation ${row.id} was not read`);
    let members = users.get(run.workspaceId);
    if (!members) {
      members = Object.fromEntries(
        (world.members.get(run.workspaceId) ?? []).map((m) => [m.id, m]),
      );
      users.set(run.workspaceId, members);
    }
    const plan = runUntilPause({
      definition: run.definition,
      versionId: run.versionId,
      startStepId: run.startStepId,
      state: run.state,
      snapshot: {
        now: world.now,
        workflow: { id: run.workflowId, name: run.workflowName },
        conversation,
        contact,
        users: members,
        teams: world.teams.get(run.workspaceId) ?? {},
        pools: pools.get(run.workspaceId) ?? {},
        calendar: world.calendars.get(run.workspaceId) ?? utcCalendar(),
        queueWake: run.kind === 'resumed' ? (run.queueWake ?? null) : null,
      },
    });
    if (run.kind === 'resumed' && run.queueWake !== undefined && stillQueued(run, plan)) {
      results.set(run.runId, {
        runId: run.runId,
        conversationId: run.conversationId,
        status: 'waiting',
        wait: null,
        outboxEventIds: [],
        deliveryMessageIds: [],
      });
      continue;
    }
    if (run.kind === 'resumed') writes.finishWaitStep(run.workspaceId, run.runId, run.waitStepId);
    pools.set(run.workspaceId, plan.snapshot.pools);
    conversationNow.set(convKey, plan.snapshot.conversation);
    contactNow.set(contactKey, plan.snapshot.contact);
    const result = writes.addPlanned(
      {
        workspaceId: run.workspaceId,
        runId: run.runId,
        conversationId: run.conversationId,
        contactId: row.contactId,
      },
      plan,
      conversation,
      run.kind === 'new'
        ? { kind: 'insert', run: run.insert, trigger: run.trigger }
        : { kind: 'update', waitSeq: run.row.waitSeq },
    );
    // The pools the run will need when this wait fires: versions are immutable, so its timer
    // can name them and the resume lock them in its first round trip (resumeWaitingRuns).
    if (result.wait && plan.end.status === 'waiting')
      result.wait.pools = requirementsUntilWait(run.definition, plan.end.resumeStepId).pools;
    results.set(run.runId, result);
  }

  await writes.flush(tx, { last: Boolean(opts.lastInTransaction) });
  return results;
}

/** The pools a batch's waits named no longer cover what its runs need (a run moved to a new version). */
export class StalePoolHints extends Error {
  constructor() {
    super('the pools named by the waits do not cover the resumed runs');
  }
}

import {
  requirementsUntilWait,
  runUntilPause,
  type RunState,
  type Snapshot,
  type WorkflowDefinition,
} from '@baton/engine';
import type { Tx } from '../../client';
import { toWorkspaceId } from '../../tenancy/workspace-id';
import type { TenantTx } from '../../tenancy/tenant';
import { lockConversation, type ConversationRow } from '../../conversations/lock-conversation';
import { advanceRun } from '../advance-run';
import { conversationSnapshot } from '../load-snapshot';
import type { AdvanceResult, RunRow } from '../run-types';
import type { BatchWorld } from './load-batch-world';
import { loadBatchPools } from './load-batch-pools';
import { BatchWrites, type NewRun, type RunStepInsert } from './batch-writes';
import { inWorkspacePairs, keyOf } from './batch-keys';
import { workflowRuns } from '../../schema';

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
  | { kind: 'resumed'; row: RunRow; waitStepId: string | null }
);

/**
 * Advances a batch of runs whose conversations the caller has locked (and whose world — members,
 * teams, contacts — it read in the same statement): locks every pool the runs can reach
 * before their next wait (sorted), plans each run in memory — in order, each seeing the
 * rotation, open counts and conversation changes of the runs before it, as if they had
 * committed first — and writes everything in one statement. A run the in-memory path cannot write
 * (closing a conversation) goes through advanceRun afterwards, as do the later runs of its
 * conversation in this batch.
 */
export async function advanceBatch(
  tx: Tx,
  now: number,
  conversations: ReadonlyMap<string, ConversationRow>,
  runs: readonly BatchRun[],
  opts: {
    /** Members, teams and contacts, read by the caller in the statement that took the locks. */
    world: BatchWorld;
    /** Nothing follows in the caller's transaction: COMMIT may leave with the last write. */
    lastInTransaction?: boolean;
  },
): Promise<Map<string, AdvanceResult>> {
  const results = new Map<string, AdvanceResult>();
  if (runs.length === 0) return results;
  const conversationOf = (r: BatchRun) =>
    conversations.get(keyOf(r.workspaceId, r.conversationId))!;
  const { world } = opts;
  const pools = await loadBatchPools(
    tx,
    runs.flatMap((r) =>
      requirementsUntilWait(r.definition, r.startStepId).pools.map((key) => ({
        workspaceId: r.workspaceId,
        key,
      })),
    ),
    world.members,
  );

  const writes = new BatchWrites();
  const conversationNow = new Map<string, Snapshot['conversation']>();
  const deferredConversations = new Set<string>();
  const deferred: BatchRun[] = [];
  const users = new Map<string, Snapshot['users']>();

  for (const run of runs) {
    const convKey = keyOf(run.workspaceId, run.conversationId);
    if (run.kind === 'resumed') writes.finishWaitStep(run.workspaceId, run.runId, run.waitStepId);
    const defer = () => {
      deferredConversations.add(convKey);
      deferred.push(run);
      if (run.kind === 'new')
        writes.insertRun(
          {
            ...run.insert,
            status: 'running',
            currentStepId: run.definition.trigger.id,
            state: run.state,
          },
          run.trigger,
        );
    };
    if (deferredConversations.has(convKey)) {
      defer();
      continue;
    }
    const row = conversationOf(run);
    const conversation = conversationNow.get(convKey) ?? conversationSnapshot(row);
    if (!users.has(run.workspaceId))
      users.set(
        run.workspaceId,
        Object.fromEntries((world.members.get(run.workspaceId) ?? []).map((m) => [m.id, m])),
      );
    const plan = runUntilPause({
      definition: run.definition,
      versionId: run.versionId,
      startStepId: run.startStepId,
      state: run.state,
      snapshot: {
        now: world.now,
        workflow: { id: run.workflowId, name: run.workflowName },
        conversation,
        contact: world.contacts.get(keyOf(row.workspaceId, row.contactId))!,
        users: users.get(run.workspaceId)!,
        teams: world.teams.get(run.workspaceId) ?? {},
        pools: pools.get(run.workspaceId) ?? {},
      },
    });
    // Closing a conversation cancels runs and writes outbox events, which the batch
    // statement does not write: the run goes through the step-by-step path after it.
    if (plan.steps.some((s) => s.outcome.effects.some((e) => e.type === 'close'))) {
      defer();
      continue;
    }
    pools.set(run.workspaceId, plan.snapshot.pools);
    conversationNow.set(convKey, plan.snapshot.conversation);
    results.set(
      run.runId,
      writes.addPlanned(
        { workspaceId: run.workspaceId, runId: run.runId, conversationId: run.conversationId },
        plan,
        conversation,
        run.kind === 'new'
          ? { kind: 'insert', run: run.insert, trigger: run.trigger }
          : { kind: 'update', waitSeq: run.row.waitSeq },
      ),
    );
  }

  await writes.flush(tx, { last: Boolean(opts.lastInTransaction) && deferred.length === 0 });
  const started = deferred.filter((r) => r.kind === 'new');
  const inserted = new Map(
    started.length
      ? (
          await tx
            .select()
            .from(workflowRuns)
            .where(
              inWorkspacePairs(
                workflowRuns.workspaceId,
                workflowRuns.id,
                started.map((r) => ({ workspaceId: r.workspaceId, id: r.runId })),
              ),
            )
        ).map((r) => [r.id, r])
      : [],
  );
  for (const run of deferred) {
    const scoped: TenantTx = { db: tx, workspaceId: toWorkspaceId(run.workspaceId) };
    const row =
      run.kind === 'new' ? inserted.get(run.runId)! : { ...run.row, status: 'running' as const };
    results.set(
      run.runId,
      await advanceRun(scoped, {
        run: row,
        conversation: await lockConversation(scoped, run.conversationId),
        definition: run.definition,
        workflowName: run.workflowName,
        startStepId: run.startStepId,
      }),
    );
  }
  return results;
}

import 'server-only';
import {
  GroupCommit,
  groupCommitOptionsFromEnv,
  inboundAfterCommit,
  notifyQueuedRuns,
  receiveInboundMessages,
  receiveInboundMessagesAndStartRuns,
  type EventRunsResult,
  type InboundItem,
  type InboundOutcome,
  type InboundResult,
} from '@baton/db';
import { getDb } from '@/server/db';
import type { AfterCommitWork } from '@baton/queue';
import { handOffAfterCommit } from './queue';
import { InlineStartPolicy, inlineStartOptionsFromEnv } from './inline-start-policy';

type Handled = { outcome: InboundOutcome; handed: Promise<void> };
const globalForInbound = globalThis as unknown as { batonInbound?: GroupCommit<InboundItem, Handled> };

// Inline (the runs started in the messages' transaction) or through the worker: decided per
// batch, in the order batches start (BATON_INLINE_RUN_START: 1, 0, or auto — the default).
const globalForPolicy = globalThis as unknown as { batonInlineStart?: InlineStartPolicy };
const inboundBatches = () => groupCommitOptionsFromEnv();
// Batches half the group commit's size, three in a row: the inline chain near its capacity.
const inlinePolicy = () =>
  (globalForPolicy.batonInlineStart ??= new InlineStartPolicy(undefined, undefined, inlineStartOptionsFromEnv(process.env, Math.ceil(inboundBatches().maxBatch / 2))));

/**
 * An inbound message through the API's group commit: messages arriving while earlier
 * batches are committing are stored together (one transaction, ~10 statements), then their
 * events go to the worker's queue (or, with BATON_INLINE_RUN_START=1, the runs started in
 * that transaction hand over their timers and events) and the inboxes hear of them, once
 * per batch.
 */
export async function receiveThroughGroupCommit(item: InboundItem): Promise<InboundResult> {
  globalForInbound.batonInbound ??= new GroupCommit<InboundItem, Handled>(async (items, { behind }) => {
    const { outcomes, runs } = await receive(items, behind);
    // Outside the batch slot: the next batch's transaction starts while this one's work
    // goes to Redis; each request still answers only once it is handed over.
    const handed = afterCommit(items, outcomes, runs);
    return outcomes.map((outcome) => ({ outcome, handed }));
  }, {
    ...inboundBatches(),
    name: 'inbound',
    // Two batches in flight never hold one workspace: its round-robin cursors and counters
    // would make the second wait on the first's locks (bench/notes.md, session 12).
    exclusiveBy: (i) => i.workspaceId,
  });
  const { outcome, handed } = await globalForInbound.batonInbound.submit(item);
  await handed;
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

async function receive(items: readonly InboundItem[], behind: number): Promise<{ outcomes: InboundOutcome[]; runs: EventRunsResult[] | null }> {
  const policy = inlinePolicy();
  const wasHandingOver = policy.handingOver;
  const inline = policy.inline(items.length, behind);
  if (policy.handingOver !== wasHandingOver)
    console.info(inline ? '[inbound] routing inline again' : `[inbound] falling behind (${policy.cause}): routing handed to the worker`);
  if (inline) {
    try {
      return await receiveInboundMessagesAndStartRuns(getDb(), items);
    } catch (error) {
      // A customer's message is never lost to a workflow that cannot start: it is stored
      // on its own below and its events go to the worker, which retries them and records
      // the failure on the run.
      console.warn('[inbound] starting runs with the messages failed; the worker starts them', (error as Error).message);
    }
  }
  return { outcomes: await receiveInboundMessages(getDb(), items), runs: null };
}

async function afterCommit(items: readonly InboundItem[], outcomes: readonly InboundOutcome[], runs: readonly EventRunsResult[] | null): Promise<void> {
  // Each stored message's receipt: its events (unless its runs started in the same
  // transaction; otherwise the worker starts them from the event queue) and the inboxes'
  // notice. The runs' conversations are these: one notice tells the inboxes of the message
  // and of the assignment committed with it.
  const work: AfterCommitWork[] = outcomes.flatMap((o, i) => (o.ok ? [inboundAfterCommit(items[i]!.workspaceId, o.result, { withEvents: !runs })] : []));
  const started = (runs ?? []).filter((r) => r.results.length > 0);
  work.push(...started.map((r) => ({ workspaceId: r.workspaceId, runs: r.results })));
  // After-commit hints: the outbox relay re-sends events the queue missed, the reconcilers
  // re-create timers, the queue sweep re-checks queues, an inbox that missed a notice
  // refreshes on its next poll — none of them may fail the request.
  await Promise.all([
    // The batch's receipts in one hand-off: one job shape (some events of one workspace, its
    // id derived from them), one Redis round trip per shard, one notice pipeline per workspace.
    work.length ? handOffAfterCommit(work) : null,
    notifyQueuedRuns(getDb(), started.flatMap((r) => r.results.flatMap((run) => (run.queued ? [{ workspaceId: r.workspaceId, pool: run.queued }] : [])))).catch(() => {}),
  ]);
}

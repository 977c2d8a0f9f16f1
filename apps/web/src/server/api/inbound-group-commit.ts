import 'server-only';
import { GroupCommit, receiveInboundMessages, type InboundItem, type InboundOutcome, type InboundResult } from '@baton/db';
import { getDb } from '@/server/db';
import { announceConversations } from '@/server/realtime/realtime-publisher';
import { dispatchEventBatch } from './queue';

type Handled = { outcome: InboundOutcome; handed: Promise<void> };
const globalForInbound = globalThis as unknown as { batonInbound?: GroupCommit<InboundItem, Handled> };

/**
 * An inbound message through the API's group commit: messages arriving while earlier
 * batches are committing are stored together (one transaction, ~10 statements), then
 * their outbox events go to the queue and the inboxes hear of them, once per batch.
 */
export async function receiveThroughGroupCommit(item: InboundItem): Promise<InboundResult> {
  globalForInbound.batonInbound ??= new GroupCommit<InboundItem, Handled>(async (items) => {
    const outcomes = await receiveInboundMessages(getDb(), items);
    // Outside the batch slot: the next batch's transaction starts while this one's events
    // go to Redis; each request still answers only once its events are handed over.
    const handed = afterCommit(items, outcomes);
    return outcomes.map((outcome) => ({ outcome, handed }));
  });
  const { outcome, handed } = await globalForInbound.batonInbound.submit(item);
  await handed;
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

async function afterCommit(items: readonly InboundItem[], outcomes: readonly InboundOutcome[]): Promise<void> {
  const events: Array<{ workspaceId: string; eventId: string }> = [];
  const changed = new Map<string, { opened: string[]; message: string[] }>();
  outcomes.forEach((o, i) => {
    if (!o.ok || o.result.duplicate) return;
    const ws = items[i]!.workspaceId;
    events.push(...o.result.outboxEventIds.map((eventId) => ({ workspaceId: ws, eventId })));
    const c = changed.get(ws) ?? { opened: [], message: [] };
    (o.result.openedConversation ? c.opened : c.message).push(o.result.conversationId);
    changed.set(ws, c);
  });
  // Both are after-commit hints: the outbox relay re-sends events the queue missed, and an
  // inbox that missed a notice refreshes on its next poll — neither may fail the request.
  await Promise.all([
    dispatchEventBatch(events),
    ...[...changed].flatMap(([ws, c]) => [
      c.opened.length ? announceConversations(ws, c.opened, 'opened').catch(() => {}) : null,
      c.message.length ? announceConversations(ws, c.message, 'message').catch(() => {}) : null,
    ]),
  ]);
}

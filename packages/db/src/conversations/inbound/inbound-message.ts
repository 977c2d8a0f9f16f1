import { z } from 'zod';
import { conversationPrioritySchema } from '@baton/engine';
import { afterCommit, conversationsChanged, type AfterCommit } from '../../committed';

export const inboundMessageSchema = z.object({
  contact: z.object({
    externalId: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().optional(),
    // Checked against the workspace's definitions (Settings → Contact fields) before anything
    // of the message is written: a wrong type or an unknown tag is a 400 naming the field.
    fields: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.null()])).optional(),
    /** Tags to add (existing tags are kept). */
    tags: z.array(z.string().max(100)).max(50).optional(),
  }),
  text: z.string().trim().min(1).max(10_000),
  externalId: z.string().trim().min(1).max(200).optional(),
  priority: conversationPrioritySchema.optional(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export type InboundResult = {
  conversationId: string;
  contactId: string;
  messageId: string;
  openedConversation: boolean;
  duplicate: boolean;
  /** Outbox events to hand to the queue after commit (the relay catches any we miss). */
  outboxEventIds: string[];
};

export type InboundItem = { workspaceId: string; channelId: string; input: InboundMessage };
export type InboundOutcome = { ok: true; result: InboundResult } | { ok: false; error: Error };
/** An item with its place in the batch (outcomes are returned in the batch's order). */
export type Indexed = InboundItem & { index: number };

/** A contact is one external id on one channel. */
export const contactKey = (i: InboundItem) =>
  `${i.workspaceId}|${i.channelId}|${i.input.contact.externalId}`;
/** A message is stored once per external id on one channel (when it has one). */
export const messageKey = (i: InboundItem) =>
  i.input.externalId ? `${i.workspaceId}|${i.channelId}|${i.input.externalId}` : null;

/**
 * What a stored inbound message leaves for after its commit: its events for the worker
 * (`withEvents: false` when the same transaction already started their runs) and the
 * inboxes' notice (a replayed duplicate changed nothing, so it has neither).
 */
export function inboundAfterCommit(workspaceId: string, result: InboundResult, { withEvents = true } = {}): AfterCommit {
  if (result.duplicate) return afterCommit(workspaceId);
  return afterCommit(workspaceId, {
    events: withEvents ? result.outboxEventIds : [],
    notices: conversationsChanged([result.conversationId], result.openedConversation ? 'opened' : 'message'),
  });
}

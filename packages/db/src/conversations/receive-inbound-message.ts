import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { channels, contacts, conversations, messages, workflows } from '../schema';
import { inTransaction, type Tenant, type TenantTx } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { lockConversation } from './lock-conversation';
import { recordConversationEvent } from './record-conversation-event';
import { enqueueOutboxEvent } from './enqueue-outbox-event';

export const inboundMessageSchema = z.object({
  contact: z.object({
    externalId: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().optional(),
  }),
  text: z.string().trim().min(1).max(10_000),
  externalId: z.string().trim().min(1).max(200).optional(),
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

/**
 * A customer message on a channel: upserts the contact, opens a conversation when the
 * contact has none open, stores the message once per external id, and writes the
 * conversation.opened / message.received events in the same transaction.
 */
export function receiveInboundMessage(
  t: Tenant,
  channelId: string,
  input: InboundMessage,
): Promise<InboundResult> {
  return inTransaction(t, async (tx) => {
    const [channel] = await tx.db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.workspaceId, tx.workspaceId), eq(channels.id, channelId)));
    if (!channel) throw notFound('Channel');

    if (input.externalId) {
      const [seen] = await tx.db
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, tx.workspaceId),
            eq(messages.channelId, channelId),
            eq(messages.externalId, input.externalId),
          ),
        );
      if (seen) return duplicateResult(tx, seen);
    }

    const [contact] = await tx.db
      .insert(contacts)
      .values({
        workspaceId: tx.workspaceId,
        channelId,
        externalId: input.contact.externalId,
        name: input.contact.name ?? null,
        email: input.contact.email ?? null,
      })
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts.channelId, contacts.externalId],
        set: {
          name: sql`coalesce(excluded.name, ${contacts.name})`,
          email: sql`coalesce(excluded.email, ${contacts.email})`,
        },
      })
      .returning({ id: contacts.id });

    const { conversationId, opened } = await openOrFindConversation(tx, channelId, contact!.id);
    // A conversation this transaction just inserted is invisible to everyone else until commit,
    // so it is already ours; only an existing one needs its row lock.
    if (!opened) await lockConversation(tx, conversationId);

    const [message] = await tx.db
      .insert(messages)
      .values({
        workspaceId: tx.workspaceId,
        conversationId,
        channelId,
        direction: 'incoming',
        text: input.text,
        externalId: input.externalId ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: messages.id, createdAt: messages.createdAt });
    if (!message) {
      // A concurrent delivery of the same external id won the insert.
      const [seen] = await tx.db
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, tx.workspaceId),
            eq(messages.channelId, channelId),
            eq(messages.externalId, input.externalId!),
          ),
        );
      return duplicateResult(tx, seen!);
    }

    await tx.db
      .update(conversations)
      .set({
        lastIncomingAt: message.createdAt,
        lastActivityAt: message.createdAt,
        lastMessagePreview: input.text.slice(0, 140),
      })
      .where(
        and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
      );

    const outboxEventIds: string[] = [];
    if (opened) {
      await recordConversationEvent(tx, { conversationId, type: 'opened', actorType: 'contact' });
      outboxEventIds.push(
        await enqueueOutboxEvent(tx, {
          type: 'conversation.opened',
          conversationId,
          source: 'contact',
          payload: {},
        }),
      );
    }
    if (await hasPublishedTrigger(tx, 'message.received')) {
      outboxEventIds.push(
        await enqueueOutboxEvent(tx, {
          type: 'message.received',
          conversationId,
          source: 'contact',
          payload: { messageId: message.id },
        }),
      );
    }
    return {
      conversationId,
      contactId: contact!.id,
      messageId: message.id,
      openedConversation: opened,
      duplicate: false,
      outboxEventIds,
    };
  });
}

async function openOrFindConversation(tx: TenantTx, channelId: string, contactId: string) {
  const [created] = await tx.db
    .insert(conversations)
    .values({
      workspaceId: tx.workspaceId,
      channelId,
      contactId,
      status: 'open',
      openedBy: 'contact',
    })
    .onConflictDoNothing({
      target: [conversations.workspaceId, conversations.channelId, conversations.contactId],
      where: sql`status = 'open'`,
    })
    .returning({ id: conversations.id });
  if (created) return { conversationId: created.id, opened: true };
  const [existing] = await tx.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, tx.workspaceId),
        eq(conversations.channelId, channelId),
        eq(conversations.contactId, contactId),
        eq(conversations.status, 'open'),
      ),
    );
  if (!existing) throw new Error('open conversation vanished between insert and select');
  return { conversationId: existing.id, opened: false };
}

async function duplicateResult(
  tx: TenantTx,
  seen: { id: string; conversationId: string },
): Promise<InboundResult> {
  const [conv] = await tx.db
    .select({ contactId: conversations.contactId })
    .from(conversations)
    .where(
      and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, seen.conversationId)),
    );
  return {
    conversationId: seen.conversationId,
    contactId: conv!.contactId,
    messageId: seen.id,
    openedConversation: false,
    duplicate: true,
    outboxEventIds: [],
  };
}

export async function hasPublishedTrigger(tx: TenantTx, event: string): Promise<boolean> {
  const [row] = await tx.db
    .select({ id: workflows.id })
    .from(workflows)
    .where(
      and(
        eq(workflows.workspaceId, tx.workspaceId),
        eq(workflows.status, 'published'),
        eq(workflows.triggerEvent, event),
      ),
    )
    .limit(1);
  return Boolean(row);
}

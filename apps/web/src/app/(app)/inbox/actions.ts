'use server';

import { z } from 'zod';
import {
  AtCapacityError,
  COMMENT_MAX_LENGTH,
  countInboxViews,
  getInboxConversation,
  inboxQuerySchema,
  listInbox,
  markConversationRead,
  requireVisibleConversation,
  touchLastSeen,
  contactUpdateSchema,
} from '@baton/db';
import { fromError, ok, requireMember, type ActionResult } from '@/server/auth';
import {
  addComment,
  assignConversation,
  closeConversation,
  reopenConversation,
  sendReply,
  startManualRun,
  updateContact,
} from '@/server/after-commit/mutations';
import { inboxViewer } from '@/server/inbox/inbox-viewer';
import { toInboxPageData, toInboxItems } from '@/server/inbox/to-inbox-items';
import { toConversationView } from '@/server/inbox/to-conversation-view';
import type { ConversationView, InboxListItem, InboxPageData } from '@/components/inbox/inbox-types';

const id = z.uuid();

async function member() {
  const m = await requireMember('conversations.viewOwn');
  return { m, viewer: inboxViewer(m) };
}

/** The first page of a view with the counts beside it (what a live update refetches). */
export async function loadInboxAction(raw: unknown): Promise<ActionResult<InboxPageData>> {
  const { m, viewer } = await member();
  const query = inboxQuerySchema.omit({ cursor: true }).safeParse(raw);
  if (!query.success) return { ok: false, error: 'Unknown view or filter' };
  const [page, counts] = await Promise.all([listInbox(m.tenant, viewer, query.data), countInboxViews(m.tenant, viewer)]);
  return ok(toInboxPageData(page, counts));
}

export async function loadMoreAction(raw: unknown): Promise<ActionResult<{ items: InboxListItem[]; nextCursor: string | null }>> {
  const { m, viewer } = await member();
  const query = inboxQuerySchema.safeParse(raw);
  if (!query.success) return { ok: false, error: 'Unknown view or filter' };
  const page = await listInbox(m.tenant, viewer, query.data);
  return ok({ items: toInboxItems(page), nextCursor: page.nextCursor });
}

/** Opening a conversation also marks it read for this member. */
export async function loadConversationAction(conversationId: string): Promise<ActionResult<ConversationView>> {
  const { m, viewer } = await member();
  if (!id.safeParse(conversationId).success) return { ok: false, error: 'Conversation not found' };
  try {
    const detail = await getInboxConversation(m.tenant, viewer, conversationId);
    await markConversationRead(m.tenant, viewer.userId, conversationId);
    return ok(toConversationView(detail, viewer.userId));
  } catch (error) {
    return fromError(error);
  }
}

/** An older page of the timeline ("load earlier"): items before `before`, with the next cursor. */
export async function loadEarlierAction(conversationId: string, before: string): Promise<ActionResult<Pick<ConversationView, 'timeline' | 'olderBefore'>>> {
  const { m, viewer } = await member();
  if (!id.safeParse(conversationId).success) return { ok: false, error: 'Conversation not found' };
  const at = z.iso.datetime().safeParse(before);
  if (!at.success) return { ok: false, error: 'Invalid cursor for earlier messages' };
  try {
    const view = toConversationView(await getInboxConversation(m.tenant, viewer, conversationId, { before: new Date(at.data) }), viewer.userId);
    return ok({ timeline: view.timeline, olderBefore: view.olderBefore });
  } catch (error) {
    return fromError(error);
  }
}

/**
 * An action on one conversation the member can see. What the inboxes hear of it is the data
 * function's receipt (handed over inside `fn`), so a refused or unchanged action announces
 * nothing.
 */
async function onConversation<T>(conversationId: string, fn: (ctx: Awaited<ReturnType<typeof member>>) => Promise<T>): Promise<ActionResult<T>> {
  const ctx = await member();
  if (!id.safeParse(conversationId).success) return { ok: false, error: 'Conversation not found' };
  try {
    await requireVisibleConversation(ctx.m.tenant, ctx.viewer, conversationId);
    const result = await fn(ctx);
    await markConversationRead(ctx.m.tenant, ctx.viewer.userId, conversationId);
    return ok(result);
  } catch (error) {
    return fromError(error);
  }
}

const textSchema = z.string().trim().min(1, 'Write something first').max(10_000, 'Keep replies under 10,000 characters');
// The data layer's limit, so a comment it would refuse is refused here as a form error.
const commentBody = z
  .string()
  .trim()
  .min(1, 'Write something first')
  .max(COMMENT_MAX_LENGTH, `Keep comments under ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters`);

export async function replyAction(conversationId: string, text: string) {
  const parsed = textSchema.safeParse(text);
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]!.message };
  return onConversation(conversationId, async ({ m }) => {
    const result = await sendReply(m.tenant, conversationId, { userId: m.user.id, text: parsed.data }).handedOver();
    return { messageId: result.messageId, firstResponse: result.firstResponse };
  });
}

export async function commentAction(conversationId: string, body: string, mentionUserIds: string[]) {
  const parsed = z.object({ body: commentBody, mentions: z.array(z.uuid()).max(50) }).safeParse({ body, mentions: mentionUserIds });
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]!.message };
  return onConversation(conversationId, ({ m }) =>
    addComment(m.tenant, conversationId, { userId: m.user.id, body: parsed.data.body, mentionUserIds: [...new Set(parsed.data.mentions)] }).handedOver(),
  );
}

/**
 * Assign, reassign or unassign (assigneeId null) by hand; the team follows when given. A
 * person may assign past an agent's capacity, but not unknowingly: without `force`, an
 * assignee at capacity is answered with their load and nothing changes (the inbox asks
 * "Bob is at capacity 8/8 — assign anyway?" and sends it again with force).
 */
export async function assignAction(conversationId: string, assigneeId: string | null, teamId?: string | null, force = false) {
  const parsed = z
    .object({ assigneeId: z.uuid().nullable(), teamId: z.uuid().nullable().optional(), force: z.boolean() })
    .safeParse({ assigneeId, teamId, force });
  if (!parsed.success) return { ok: false as const, error: 'Pick a member of this workspace' };
  const { force: forced, ...input } = parsed.data;
  return onConversation(conversationId, async ({ m }) => {
    try {
      // The same check as the API's (under the conversation and open-count locks).
      await assignConversation(m.tenant, conversationId, { ...input, actorUserId: m.user.id, refuseAtCapacity: !forced }).handedOver();
    } catch (error) {
      if (error instanceof AtCapacityError) return { atCapacity: { openCount: error.openCount, capacity: error.capacity } };
      throw error;
    }
    return { atCapacity: null };
  });
}

export async function closeAction(conversationId: string) {
  return onConversation(conversationId, async ({ m }) => {
    const result = await closeConversation(m.tenant, conversationId, { type: 'user', userId: m.user.id }).handedOver();
    return { closed: result.closed };
  });
}

export async function reopenAction(conversationId: string) {
  return onConversation(conversationId, async ({ m }) => {
    const result = await reopenConversation(m.tenant, conversationId, { type: 'user', userId: m.user.id }).handedOver();
    return { reopened: result.reopened };
  });
}

/**
 * An agent's edit in the contact panel: fields, tags and the conversation's priority, checked
 * against the workspace's definitions (a bad value changes nothing); tag_added /
 * field_changed workflows start through the outbox.
 */
export async function updateContactAction(conversationId: string, update: unknown) {
  const parsed = contactUpdateSchema.safeParse(update);
  if (!parsed.success) return { ok: false as const, error: 'Invalid contact change' };
  return onConversation(conversationId, async ({ m }) => {
    const applied = await updateContact(m.tenant, conversationId, parsed.data, 'user').handedOver();
    return { changed: applied.changedFields.length + applied.addedTags.length + applied.removedTags.length + (applied.priorityChanged ? 1 : 0) };
  });
}

/**
 * "Run workflow" in the inbox: the API's manual start (startManualRun: published, manual
 * trigger, an outbox event the worker turns into the run), by a member who can see the
 * conversation.
 */
export async function runWorkflowAction(conversationId: string, workflowId: string) {
  if (!id.safeParse(workflowId).success) return { ok: false as const, error: 'Workflow not found' };
  return onConversation(conversationId, async ({ m }) => {
    const { eventId } = await startManualRun(m.tenant, workflowId, conversationId, { type: 'user', userId: m.user.id }).handedOver();
    return { eventId };
  });
}

/** Sign of life from an open tab (at most once a minute per member): keeps auto-away off. */
export async function heartbeatAction(): Promise<ActionResult> {
  const m = await requireMember();
  await touchLastSeen(m.tenant, m.user.id).catch(() => {});
  return ok();
}

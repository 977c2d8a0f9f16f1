import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ContactChanges, ConversationPriority } from '@baton/engine';
import { contacts, conversations, outboxEvents, workflows } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

type Source = 'user' | 'api' | 'contact' | 'workflow';
const CONTACT_EVENTS = ['contact.tag_added', 'contact.field_changed'] as const;

export type AppliedContactChanges = {
  changedFields: string[];
  addedTags: string[];
  removedTags: string[];
  priorityChanged: boolean;
  /** contact.tag_added / contact.field_changed events to hand to the queue after commit. */
  outboxEventIds: string[];
};

/**
 * Writes checked changes to a contact (and the conversation's priority) for the inbox and the
 * inbound API — workflow steps write theirs through the batch statement. The contact row is
 * locked and re-read first, so "changed" is judged on the committed value: a tag the contact
 * already has, or a field set to the value it holds, writes nothing and starts nothing. Each
 * real change is a `contact.tag_added` / `contact.field_changed` outbox event on the
 * conversation, written only where a published workflow listens (like conversation.closed).
 */
export async function applyContactChanges(
  tx: TenantTx,
  target: { contactId: string; conversationId: string },
  changes: ContactChanges & { priority?: ConversationPriority },
  source: Source,
): Promise<AppliedContactChanges> {
  const out: AppliedContactChanges = { changedFields: [], addedTags: [], removedTags: [], priorityChanged: false, outboxEventIds: [] };
  const [row] = await tx.db
    .select({ fields: contacts.fields, tags: contacts.tags })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, target.contactId)))
    .for('update');
  if (!row) return out;
  const fields = { ...row.fields };
  for (const [key, value] of Object.entries(changes.fields)) {
    const before = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if ((before ?? null) === value) continue;
    if (value === null) delete fields[key];
    else fields[key] = value;
    out.changedFields.push(key);
  }
  let tags = row.tags.filter((t) => {
    const drop = changes.removeTags.includes(t) && !changes.addTags.includes(t);
    if (drop) out.removedTags.push(t);
    return !drop;
  });
  for (const tag of changes.addTags)
    if (!tags.includes(tag)) {
      tags = [...tags, tag];
      out.addedTags.push(tag);
    }
  if (out.changedFields.length || out.addedTags.length || out.removedTags.length)
    await tx.db
      .update(contacts)
      .set({ fields, tags })
      .where(and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, target.contactId)));
  if (changes.priority) {
    const updated = await tx.db
      .update(conversations)
      .set({ priority: changes.priority })
      .where(
        and(
          eq(conversations.workspaceId, tx.workspaceId),
          eq(conversations.id, target.conversationId),
          sql`${conversations.priority} is distinct from ${changes.priority}`,
        ),
      )
      .returning({ id: conversations.id });
    out.priorityChanged = updated.length > 0;
  }

  const events = [
    ...out.addedTags.map((tag) => ({ type: 'contact.tag_added' as const, payload: { tag } })),
    ...out.changedFields.map((key) => ({ type: 'contact.field_changed' as const, payload: { key, value: fields[key] ?? null } })),
  ];
  if (events.length === 0) return out;
  const listening = new Set(
    (
      await tx.db
        .selectDistinct({ event: workflows.triggerEvent })
        .from(workflows)
        .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.status, 'published'), inArray(workflows.triggerEvent, [...CONTACT_EVENTS])))
    ).map((r) => r.event),
  );
  const wanted = events.filter((e) => listening.has(e.type));
  if (wanted.length === 0) return out;
  const ids = await tx.db
    .insert(outboxEvents)
    .values(wanted.map((e) => ({ workspaceId: tx.workspaceId, conversationId: target.conversationId, source, ...e })))
    .returning({ id: outboxEvents.id });
  out.outboxEventIds = ids.map((r) => r.id);
  return out;
}

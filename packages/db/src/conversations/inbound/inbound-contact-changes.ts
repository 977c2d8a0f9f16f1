import { checkContactInput, type ContactChanges, type ConversationPriority } from '@baton/engine';
import type { Tx } from '../../client';
import { tenant } from '../../tenancy/tenant';
import { loadContactDefinitions, type ContactDefinitions } from '../../contacts/load-contact-definitions';
import { applyContactChanges } from '../../contacts/apply-contact-changes';
import { contactInputError } from '../../contacts/contact-input-error';
import type { InboundOutcome, Indexed } from './inbound-message';
import type { Placement } from './open-or-lock-conversations';

/** Per batch index: the checked contact changes and priority an inbound message carries. */
export type InboundContactChanges = Map<number, ContactChanges & { priority?: ConversationPriority }>;

/**
 * Checks the `contact.fields`, `contact.tags` and `priority` of a batch's messages before any
 * of them is written: a message with a bad value becomes its own 400 outcome (nothing of it
 * is stored) and the others go on. Definitions are read only for workspaces whose messages
 * carry fields or tags, so plain messages cost nothing more.
 */
export async function checkInboundContacts(tx: Tx, items: readonly Indexed[], out: InboundOutcome[]): Promise<InboundContactChanges> {
  const changes: InboundContactChanges = new Map();
  const defs = new Map<string, ContactDefinitions>();
  for (const item of items) {
    const { fields, tags } = item.input.contact;
    const priority = item.input.priority;
    if (!fields && !tags && !priority) continue;
    if (!fields && !tags) {
      changes.set(item.index, { fields: {}, addTags: [], removeTags: [], priority });
      continue;
    }
    let d = defs.get(item.workspaceId);
    if (!d) {
      d = await loadContactDefinitions(tenant(tx, item.workspaceId));
      defs.set(item.workspaceId, d);
    }
    const checked = checkContactInput(d, { fields, addTags: tags });
    if (!checked.ok) out[item.index] = { ok: false, error: contactInputError(checked.problem) };
    else changes.set(item.index, { ...checked.changes, priority });
  }
  return changes;
}

/** Writes the stored messages' contact changes; returns the outbox events each one wrote. */
export async function writeInboundContacts(
  tx: Tx,
  stored: ReadonlyArray<Placement & { conversationId: string }>,
  changes: InboundContactChanges,
): Promise<Map<number, string[]>> {
  const events = new Map<number, string[]>();
  for (const p of stored) {
    const change = changes.get(p.item.index);
    if (!change) continue;
    const applied = await applyContactChanges(
      { db: tx, workspaceId: tenant(tx, p.item.workspaceId).workspaceId },
      { contactId: p.contactId, conversationId: p.conversationId },
      change,
      'api',
    );
    events.set(p.item.index, applied.outboxEventIds);
  }
  return events;
}

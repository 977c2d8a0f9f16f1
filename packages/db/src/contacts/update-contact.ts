import { z } from 'zod';
import { checkContactInput, conversationPrioritySchema } from '@baton/engine';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { contactInputError } from './contact-input-error';
import { lockConversation } from '../conversations/lock-conversation';
import { loadContactDefinitions } from './load-contact-definitions';
import { applyContactChanges, type AppliedContactChanges } from './apply-contact-changes';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';

export const contactUpdateSchema = z.object({
  fields: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.null()])).optional(),
  addTags: z.array(z.string().max(100)).max(50).optional(),
  removeTags: z.array(z.string().max(100)).max(50).optional(),
  priority: conversationPrioritySchema.optional(),
});
export type ContactUpdate = z.input<typeof contactUpdateSchema>;

/**
 * An agent's (or API client's) change to the contact of a conversation and to its priority:
 * checked against the workspace's definitions inside the transaction, before anything is
 * written — a bad value is a DomainError naming the field and nothing changes.
 */
export function updateContact(
  t: Tenant,
  conversationId: string,
  input: ContactUpdate,
  source: 'user' | 'api',
): Promise<WithAfterCommit<AppliedContactChanges>> {
  const parsed = contactUpdateSchema.parse(input);
  return inTransaction(t, async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const checked = checkContactInput(await loadContactDefinitions(tx), parsed);
    if (!checked.ok) throw contactInputError(checked.problem);
    const applied = await applyContactChanges(
      tx,
      { contactId: conversation.contactId, conversationId },
      { ...checked.changes, priority: parsed.priority },
      source,
    );
    const changed = applied.changedFields.length + applied.addedTags.length + applied.removedTags.length > 0 || applied.priorityChanged;
    return {
      ...applied,
      afterCommit: afterCommit(tx.workspaceId, {
        events: applied.outboxEventIds,
        notices: changed ? conversationsChanged([conversationId], 'status') : [],
      }),
    };
  });
}

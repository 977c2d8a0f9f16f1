import { and, eq } from 'drizzle-orm';
import type { Snapshot } from '@baton/engine';
import { contacts, memberships, teams, users } from '../schema';
import type { TenantTx } from '../tenancy/tenant';
import type { ConversationRow } from '../conversations/lock-conversation';
import { dbNow } from './db-clock';

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** A locked conversation row as the engine sees it (both the step and the batch path). */
export function conversationSnapshot(c: ConversationRow): Snapshot['conversation'] {
  return {
    id: c.id,
    status: c.status,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    channelId: c.channelId,
    openedAt: c.openedAt.getTime(),
    lastIncomingAt: ms(c.lastIncomingAt),
    lastOutgoingAt: ms(c.lastOutgoingAt),
    openedBy: c.openedBy,
  };
}

/** Conversation state as the engine sees it; pools are added per step by loadPool. */
export async function loadSnapshot(
  tx: TenantTx,
  conversation: ConversationRow,
  workflow: { id: string; name: string },
): Promise<Snapshot> {
  // Sequential on purpose: a transaction is one connection, and pg queues (and will
  // reject) concurrent queries on one client.
  const now = await dbNow(tx);
  const [contact] = await tx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, conversation.contactId)));
  const members = await tx.db
    .select({ id: users.id, name: users.name, availability: memberships.availability })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, tx.workspaceId));
  const teamRows = await tx.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, tx.workspaceId));
  return {
    now,
    workflow,
    conversation: conversationSnapshot(conversation),
    contact: {
      id: contact!.id,
      name: contact!.name,
      fields: contact!.fields,
      tags: contact!.tags,
    },
    users: Object.fromEntries(members.map((m) => [m.id, m])),
    teams: Object.fromEntries(teamRows.map((t) => [t.id, t])),
    pools: {},
  };
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Snapshot } from '@baton/engine';
import type { Tx } from '../../client';
import { contacts, memberships, teams, users } from '../../schema';
import { inWorkspacePairs, keyOf, uniqueKeys, type WorkspaceKey } from './batch-keys';

export type WorkspaceMember = {
  id: string;
  name: string;
  availability: Snapshot['users'][string]['availability'];
};

/** What the engine reads besides the conversation, for every workspace in a batch. */
export type BatchWorld = {
  /** Database clock, ms (never the worker's clock). */
  now: number;
  /** Members per workspace in joining order (the rotation order of a workspace pool). */
  members: Map<string, WorkspaceMember[]>;
  teams: Map<string, Snapshot['teams']>;
  /** Keyed by keyOf(workspace, contact). */
  contacts: Map<string, Snapshot['contact']>;
};

export async function loadBatchWorld(
  tx: Tx,
  now: number,
  workspaceIds: readonly string[],
  contactKeys: readonly WorkspaceKey[],
): Promise<BatchWorld> {
  const ids = [...new Set(workspaceIds)];
  const memberRows = await tx
    .select({
      workspaceId: memberships.workspaceId,
      id: users.id,
      name: users.name,
      availability: memberships.availability,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.workspaceId, ids))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
  const teamRows = await tx
    .select({ workspaceId: teams.workspaceId, id: teams.id, name: teams.name })
    .from(teams)
    .where(inArray(teams.workspaceId, ids));
  const contactRows = await tx
    .select()
    .from(contacts)
    .where(and(inWorkspacePairs(contacts.workspaceId, contacts.id, uniqueKeys(contactKeys))));

  const members = new Map<string, WorkspaceMember[]>(ids.map((id) => [id, []]));
  for (const { workspaceId, ...m } of memberRows) members.get(workspaceId)!.push(m);
  const teamMap = new Map<string, Snapshot['teams']>(ids.map((id) => [id, {}]));
  for (const { workspaceId, ...t } of teamRows) teamMap.get(workspaceId)![t.id] = t;
  return {
    now,
    members,
    teams: teamMap,
    contacts: new Map(
      contactRows.map((c) => [
        keyOf(c.workspaceId, c.id),
        { id: c.id, name: c.name, fields: c.fields, tags: c.tags },
      ]),
    ),
  };
}

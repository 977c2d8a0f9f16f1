import { and, asc, eq, sql } from 'drizzle-orm';
import { cannedReplyInputSchema } from '@baton/engine';
import { cannedReplies } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { isUniqueViolation } from '../identity/unique-violation';

export type CannedReply = { id: string; name: string; shortcut: string; body: string };

const columns = { id: cannedReplies.id, name: cannedReplies.name, shortcut: cannedReplies.shortcut, body: cannedReplies.body };

/** The workspace's canned replies by shortcut: what the composer's `/` list offers. */
export async function listCannedReplies(t: Tenant): Promise<CannedReply[]> {
  return t.db.select(columns).from(cannedReplies).where(eq(cannedReplies.workspaceId, t.workspaceId)).orderBy(asc(cannedReplies.shortcut));
}

const duplicate = (shortcut: string) => new DomainError('conflict', `Another canned reply already uses /${shortcut}`, { field: 'shortcut' });

/** Input is checked here too (name, shortcut, variables): the unique index settles two admins racing for one shortcut. */
export async function createCannedReply(t: Tenant, input: unknown): Promise<CannedReply> {
  const reply = cannedReplyInputSchema.parse(input);
  try {
    const [row] = await t.db.insert(cannedReplies).values({ workspaceId: t.workspaceId, ...reply }).returning(columns);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(reply.shortcut);
    throw error;
  }
}

export async function updateCannedReply(t: Tenant, id: string, input: unknown): Promise<CannedReply> {
  const reply = cannedReplyInputSchema.parse(input);
  try {
    const [row] = await t.db
      .update(cannedReplies)
      .set({ ...reply, updatedAt: sql`now()` })
      .where(and(eq(cannedReplies.workspaceId, t.workspaceId), eq(cannedReplies.id, id)))
      .returning(columns);
    if (!row) throw notFound('Canned reply');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(reply.shortcut);
    throw error;
  }
}

export async function deleteCannedReply(t: Tenant, id: string): Promise<void> {
  const rows = await t.db
    .delete(cannedReplies)
    .where(and(eq(cannedReplies.workspaceId, t.workspaceId), eq(cannedReplies.id, id)))
    .returning({ id: cannedReplies.id });
  if (rows.length === 0) throw notFound('Canned reply');
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import { invitations } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';

/** Revokes a pending invitation of this workspace; revoking twice is harmless. */
export async function revokeInvitation(t: Tenant, invitationId: string): Promise<void> {
  requireUuid(invitationId, 'Invitation');
  const [row] = await t.db
    .select({ acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, t.workspaceId), eq(invitations.id, invitationId)));
  if (!row) throw new DomainError('not_found', 'Invitation not found');
  if (row.acceptedAt) throw new DomainError('conflict', 'This invitation was already accepted');
  await t.db
    .update(invitations)
    .set({ revokedAt: sql`coalesce(${invitations.revokedAt}, now())` })
    .where(and(eq(invitations.workspaceId, t.workspaceId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt)));
}

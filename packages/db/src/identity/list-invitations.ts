import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { invitations, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import type { Role } from './roles';

export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  expiresAt: Date;
  createdAt: Date;
};

/** Invitations that can still be accepted (not accepted, revoked or expired), newest first. */
export async function listInvitations(t: Tenant, now: Date = new Date()): Promise<PendingInvitation[]> {
  return t.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedByName: users.name,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, t.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

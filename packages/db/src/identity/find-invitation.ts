import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { invitations, users, workspaces } from '../schema';
import type { Role } from './roles';
import { sha256Hex } from './token-hash';

export type InvitationStatus = 'pending' | 'expired' | 'revoked' | 'accepted';

export type InvitationPreview = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  expiresAt: Date;
  status: InvitationStatus;
  // Deliberately not whether the email has an account: anyone can invite any address and
  // open the link, so the page offers both "sign in" and "create an account".
};

export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** What the invite page shows for a link's token, or null for an unknown token. */
export async function findInvitation(db: Executor, token: string, now: Date = new Date()): Promise<InvitationPreview | null> {
  const inviter = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${invitations.invitedBy})`;
  const [row] = await db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
      email: invitations.email,
      role: invitations.role,
      invitedByName: inviter,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, sha256Hex(token)));
  if (!row) return null;
  const { acceptedAt, revokedAt, ...rest } = row;
  return { ...rest, status: invitationStatus({ acceptedAt, revokedAt, expiresAt: row.expiresAt }, now) };
}

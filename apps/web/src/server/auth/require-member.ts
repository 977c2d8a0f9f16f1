import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { can, listUserWorkspaces, tenant, type Action, type Availability, type Role, type Tenant, type UserWorkspace } from '@baton/db';
import { getDb } from '@/server/db';
import { readActiveWorkspaceCookie } from './active-workspace';
import { getSessionUser, type SessionUser } from './require-user';
import { AccessDeniedError } from './access-denied-error';

export type MemberContext = {
  user: SessionUser;
  membership: { role: Role; availability: Availability };
  workspace: { id: string; name: string };
  /** Every workspace the user belongs to, for the switcher. */
  workspaces: UserWorkspace[];
  tenant: Tenant;
};

/**
 * The active workspace: the `baton_ws` cookie if the user is (still) a member of it,
 * else their first membership. Resolved once per request.
 */
export const getMemberContext = cache(async (): Promise<MemberContext | 'signed-out' | 'no-workspace'> => {
  const user = await getSessionUser();
  if (!user) return 'signed-out';
  const workspaces = await listUserWorkspaces(getDb(), user.id);
  const wanted = await readActiveWorkspaceCookie();
  const active = workspaces.find((w) => w.workspaceId === wanted) ?? workspaces[0];
  if (!active) return 'no-workspace';
  return {
    user,
    membership: { role: active.role, availability: active.availability },
    workspace: { id: active.workspaceId, name: active.name },
    workspaces,
    tenant: tenant(getDb(), active.workspaceId),
  };
});

/**
 * The signed-in member of the active workspace (redirects to /sign-in or /no-workspace).
 * With an action, throws AccessDeniedError (a DomainError 'forbidden') unless the role may
 * do it. Call it first in every server action; pages that should render a "no access"
 * state use getMemberAccess instead.
 */
export async function requireMember(action?: Action): Promise<MemberContext> {
  const m = await getMemberContext();
  if (m === 'signed-out') redirect('/sign-in');
  if (m === 'no-workspace') redirect('/no-workspace');
  if (action && !can(m.membership.role, action)) throw new AccessDeniedError(action);
  return m;
}

/** For pages: the member plus whether they may do `action`, so the page can render a no-access state. */
export async function getMemberAccess(action: Action): Promise<{ member: MemberContext; allowed: boolean }> {
  const member = await requireMember();
  return { member, allowed: can(member.membership.role, action) };
}

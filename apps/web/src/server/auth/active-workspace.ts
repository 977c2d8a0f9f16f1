import 'server-only';
import { cookies } from 'next/headers';

/** The workspace the user last chose. Only a hint: it is checked against their memberships on every request. */
export const ACTIVE_WORKSPACE_COOKIE = 'baton_ws';

export async function readActiveWorkspaceCookie(): Promise<string | undefined> {
  return (await cookies()).get(ACTIVE_WORKSPACE_COOKIE)?.value;
}

/** Only callable from a server action or route handler (Next forbids setting cookies while rendering). */
export async function writeActiveWorkspaceCookie(workspaceId: string): Promise<void> {
  (await cookies()).set(ACTIVE_WORKSPACE_COOKIE, workspaceId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NEXTAUTH_URL?.startsWith('https://') ?? false,
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
  });
}

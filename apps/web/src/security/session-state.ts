// Who is "signed in" for security tests that call server actions directly. next-auth reads
// its cookie through Next's request scope, which does not exist under vitest; the tests set
// the user id here instead, and everything after the session lookup (membership, role,
// active workspace, tenant) runs for real against Postgres.
// `headers` is what next/headers' headers() answers (server actions read the client IP there).
export const sessionState: { userId: string | null; cookies: Map<string, string>; headers: Headers } = {
  userId: null,
  cookies: new Map(),
  headers: new Headers(),
};

export function signInAs(userId: string | null, activeWorkspaceId?: string) {
  sessionState.userId = userId;
  sessionState.cookies.clear();
  if (activeWorkspaceId) sessionState.cookies.set('baton_ws', activeWorkspaceId);
}

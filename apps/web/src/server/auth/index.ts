export { authOptions } from './auth-options';
export { getSessionUser, requireUser, type SessionUser } from './require-user';
export { requireMember, getMemberAccess, getMemberContext, type MemberContext } from './require-member';
export { authorizeRoute } from './authorize-route';
export { AccessDeniedError } from './access-denied-error';
export { ACTIVE_WORKSPACE_COOKIE, writeActiveWorkspaceCookie } from './active-workspace';
export { ok, invalid, fromError, type ActionResult } from './action-result';

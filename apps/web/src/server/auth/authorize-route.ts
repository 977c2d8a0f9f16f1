import 'server-only';
import { can, type Action } from '@baton/db';
import { getMemberContext, type MemberContext } from './require-member';

/**
 * For route handlers under the session (not /api/v1, which uses API keys): 401/403 JSON
 * instead of redirects.
 */
export async function authorizeRoute(
  action?: Action,
): Promise<{ ok: true; member: MemberContext } | { ok: false; response: Response }> {
  const m = await getMemberContext();
  if (m === 'signed-out') {
    return { ok: false, response: Response.json({ error: { code: 'unauthorized', message: 'Sign in first' } }, { status: 401 }) };
  }
  if (m === 'no-workspace' || (action && !can(m.membership.role, action))) {
    return {
      ok: false,
      response: Response.json({ error: { code: 'forbidden', message: "You don't have access to this" } }, { status: 403 }),
    };
  }
  return { ok: true, member: m };
}

import { listNotifications } from '@baton/db';
import { authorizeRoute } from '@/server/auth';

export const dynamic = 'force-dynamic';

/** The signed-in member's own notifications in the active workspace (the bell). */
export async function GET() {
  const auth = await authorizeRoute();
  if (!auth.ok) return auth.response;
  const { tenant, user } = auth.member;
  const list = await listNotifications(tenant, user.id);
  return Response.json(list, { headers: { 'cache-control': 'no-store' } });
}

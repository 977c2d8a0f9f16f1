import { z } from 'zod';
import { setAvailability } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { readJson } from '@/server/api/read-json';
import { announceAvailability } from '@/server/realtime/realtime-publisher';

const bodySchema = z.object({ availability: z.enum(['online', 'away', 'offline']) });

export const PUT = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const userId = pathId(params.id, 'User');
  const { availability } = bodySchema.parse(await readJson(req));
  const result = await setAvailability(tenant, userId, availability);
  await announceAvailability(tenant.workspaceId, userId);
  return result;
});

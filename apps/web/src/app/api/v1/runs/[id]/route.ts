import { getRun } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

export const GET = apiRoute<{ id: string }>(async ({ tenant, params }) => getRun(tenant, pathId(params.id, 'Run')));

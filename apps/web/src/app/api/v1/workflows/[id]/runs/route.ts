import { z } from 'zod';
import { findWorkflow, listRuns, runFiltersSchema, startManualRun } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { readJson } from '@/server/api/read-json';
import { dispatchEvents } from '@/server/api/queue';
import { NextResponse } from 'next/server';

export const GET = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const workflowId = pathId(params.id, 'Workflow');
  await findWorkflow(tenant, workflowId);
  const url = new URL(req.url);
  const filters = runFiltersSchema.parse({
    workflowId,
    status: url.searchParams.getAll('status').length ? url.searchParams.getAll('status') : undefined,
    limit: url.searchParams.get('limit') ?? undefined,
    before: url.searchParams.get('before') ?? undefined,
  });
  return { runs: await listRuns(tenant, filters) };
});

const startSchema = z.object({ conversationId: z.uuid() });

/** Starts a workflow with a manual trigger on a conversation; the run starts within ms. */
export const POST = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const workflowId = pathId(params.id, 'Workflow');
  const { conversationId } = startSchema.parse(await readJson(req));
  const { eventId } = await startManualRun(tenant, workflowId, conversationId, { type: 'api' });
  await dispatchEvents(tenant.workspaceId, [eventId]);
  return NextResponse.json({ eventId, status: 'starting' }, { status: 202 });
});

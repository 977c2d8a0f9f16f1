import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, createWorkflow, publishWorkflow, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { QueueClient, createRedis, waitJobId } from '@baton/queue';
import { reassignIfNoReply, roundRobinOnlineOnly } from '@baton/engine';
import { inboundChannelId, serveInbound } from '@/server/ingest/inbound-fast-path';

// The web's queue client reads the prefix once: this file's own, so its jobs are its own.
const prefix = `inline-${randomUUID().slice(0, 8)}`;
process.env.BATON_QUEUE_PREFIX = prefix;

const handle = testDatabase(3);
const query = async <T,>(text: string, params: unknown[] = []) => (await handle.pool.query(text, params)).rows as T[];
const redis = createRedis(process.env.REDIS_URL!, 'inline-run-start-test');
const queues = new QueueClient(redis, prefix);
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => void serveInbound(req, res, inboundChannelId(req)!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
// Inline start is the default (BATON_INLINE_RUN_START unset = auto: inline while the web keeps
// up, inline-start-policy.test.ts); each test says which path it takes.
beforeEach(() => {
  process.env.BATON_INLINE_RUN_START = '1';
});
afterEach(() => {
  delete process.env.BATON_INLINE_RUN_START;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await queues.close();
  redis.disconnect();
  await handle.close();
});

async function workspace(definition: (ws: TestWorkspace) => unknown) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Owner', role: 'owner' }, { name: 'A1' }, { name: 'A2' }],
    teams: { Sales: ['A1'], Support: ['A2'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Routing', definition: definition(ws) as never }, null);
  await publishWorkflow(t, id, null);
  const key = (await createApiKey(t, { name: 'inline', createdBy: null })).plaintext;
  return { ws, key, workflowId: id };
}

async function send(key: string, channelId: string, contact: string) {
  const res = await fetch(`${base}/api/v1/channels/${channelId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ contact: { externalId: contact }, text: 'Hello' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { conversationId: string };
}

async function stateOf(conversationId: string) {
  const runs = await query<{ id: string; status: string; wait_seq: number }>('select id, status, wait_seq from workflow_runs where conversation_id = $1', [conversationId]);
  const events = await query<{ id: string; processed: boolean }>('select id, processed_at is not null as processed from outbox_events where conversation_id = $1', [conversationId]);
  return { runs, events };
}

/** Whether an event job (some events of the shard's workspaces) carries the event. */
async function hasEventJob(workspaceId: string, eventId: string) {
  const queue = queues.eventQueueFor(workspaceId);
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  return jobs.some((j) => j.data.events.some((e) => e.workspaceId === workspaceId && e.eventId === eventId));
}

describe('BATON_INLINE_RUN_START=1: the API starts a conversation\'s runs in the transaction that stores its message', () => {
  it('answers with the conversation already assigned and its wait timer in Redis; no event job for the worker', async () => {
    const { ws, key } = await workspace((w) => reassignIfNoReply({ firstTeamId: w.teams.Sales!, waitMinutes: 15, secondTeamId: w.teams.Support! }));
    const { conversationId } = await send(key, ws.channelId, 'c1');
    const [conversation] = await query<{ assignee_id: string | null }>('select assignee_id from conversations where id = $1', [conversationId]);
    expect(conversation!.assignee_id).toBe(ws.users.A1!.id);
    const { runs, events } = await stateOf(conversationId);
    expect(runs.map((r) => r.status)).toEqual(['waiting']);
    expect(await queues.waits.getJob(waitJobId(runs[0]!.id, runs[0]!.wait_seq))).toBeTruthy();
    expect(events.every((e) => e.processed)).toBe(true);
    for (const e of events) expect(await hasEventJob(ws.workspaceId, e.id)).toBe(false);
  });

  it('by default (BATON_INLINE_RUN_START unset: auto) a lone message is routed in its own transaction too', async () => {
    delete process.env.BATON_INLINE_RUN_START;
    const { ws, key } = await workspace((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    const { conversationId } = await send(key, ws.channelId, 'c4');
    const { runs, events } = await stateOf(conversationId);
    expect(runs).toHaveLength(1);
    expect(events.every((e) => e.processed)).toBe(true);
    for (const e of events) expect(await hasEventJob(ws.workspaceId, e.id)).toBe(false);
  });

  it('with BATON_INLINE_RUN_START=0 the message is stored and its event goes to the worker, which starts the runs', async () => {
    process.env.BATON_INLINE_RUN_START = '0';
    const { ws, key } = await workspace((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    const { conversationId } = await send(key, ws.channelId, 'c2');
    const { runs, events } = await stateOf(conversationId);
    expect(runs).toEqual([]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => !e.processed)).toBe(true);
    expect(await Promise.all(events.map((e) => hasEventJob(ws.workspaceId, e.id)))).toContain(true);
  });

  it('a workflow that cannot start never costs the message: stored, its event left to the worker', async () => {
    const { ws, key, workflowId } = await workspace((w) => roundRobinOnlineOnly({ teamId: w.teams.Sales! }));
    // A definition the engine refuses (only a damaged database holds one: versions are append-only).
    await handle.pool.query(`begin; set local session_replication_role = replica;
      update workflow_versions set definition = '{"version": "bogus"}'::jsonb where workflow_id = '${workflowId}'; commit`);
    const { conversationId } = await send(key, ws.channelId, 'c3');
    const [messages] = await query<{ n: number }>('select count(*)::int as n from messages where conversation_id = $1', [conversationId]);
    expect(messages!.n).toBe(1);
    const { runs, events } = await stateOf(conversationId);
    expect(runs).toEqual([]);
    expect(events.every((e) => !e.processed)).toBe(true);
    expect(await Promise.all(events.map((e) => hasEventJob(ws.workspaceId, e.id)))).toContain(true);
  });
});

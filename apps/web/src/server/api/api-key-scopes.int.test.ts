// API key scopes (issue #22 item 6): every endpoint declares one scope; a key without it gets
// 403 `insufficient_scope` naming the scope and nothing in the workspace changes, and the
// same request with a key holding only that scope goes through. The endpoint list is the one
// the OpenAPI document and the routes are built from, so an endpoint added without a request
// here fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, createApiKey, createWorkflow, publishWorkflow, receiveInboundMessage, startRunsForEvent, tenant, type ApiKeyScope, type Tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import type { Endpoint } from './contract/define-endpoint';
import { ALL_ENDPOINTS } from './endpoints/all-endpoints';
import { openApiDocument } from './openapi';
import { callEndpoint, expectDeclared, type CallInit } from './testing/call-endpoint';

const handle = testDatabase();
let ws: TestWorkspace;
let t: Tenant;
const keys = new Map<string, string>();
let requests: Record<string, () => CallInit>;

const manualDefinition = (userId: string) => ({
  schemaVersion: 1,
  trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
  steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'user', userId } } }],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
});

async function openConversation(name: string) {
  return (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `scope-${name}`, name }, text: 'Hello' })).conversationId;
}

async function workflow(name: string, published: boolean) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { id } = await createWorkflow(t, { name, definition: manualDefinition(ws.users.Al!.id) as any }, ws.users.Owner!.id);
  if (published) await publishWorkflow(t, id, ws.users.Owner!.id);
  return id;
}

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }, { name: 'Cy' }], teams: { Sales: ['Al'] } });
  t = tenant(handle.db, ws.workspaceId);
  for (const scope of API_KEY_SCOPES) {
    keys.set(`only ${scope}`, (await createApiKey(t, { name: `only ${scope}`, createdBy: null, scopes: [scope] })).plaintext);
    keys.set(`all but ${scope}`, (await createApiKey(t, { name: `all but ${scope}`, createdBy: null, scopes: API_KEY_SCOPES.filter((s) => s !== scope) })).plaintext);
  }
  const [replyTo, closing, runOn] = [await openConversation('Reply'), await openConversation('Close'), await openConversation('Run')];
  const [draft, manual, stopping] = [await workflow('Draft', false), await workflow('Manual', true), await workflow('Stopping', true)];
  const setupKey = (await createApiKey(t, { name: 'setup', createdBy: null })).plaintext;
  const started = await callEndpoint(ALL_ENDPOINTS.find((e) => e.operationId === 'startWorkflowRun')!, setupKey, { id: manual, body: { conversationId: runOn } });
  const [run] = await startRunsForEvent(t, started.body.eventId);
  // One valid request per operation: it would change something (or read something) if allowed.
  requests = {
    receiveMessage: () => ({ id: ws.channelId, body: { contact: { externalId: 'scope-new', name: 'New' }, text: 'Hi' } }),
    listContacts: () => ({}),
    listConversations: () => ({}),
    getConversation: () => ({ id: replyTo }),
    closeConversation: () => ({ id: closing }),
    listConversationEvents: () => ({ id: replyTo }),
    listConversationMessages: () => ({ id: replyTo }),
    sendReply: () => ({ id: replyTo, body: { userId: ws.users.Al!.id, text: 'On it' } }),
    listRuns: () => ({}),
    getRun: () => ({ id: run!.runId }),
    listTeams: () => ({}),
    createTeam: () => ({ body: { name: 'Billing' } }),
    addTeamMember: () => ({ id: ws.teams.Sales!, body: { userId: ws.users.Cy!.id } }),
    listUsers: () => ({}),
    setAvailability: () => ({ id: ws.users.Al!.id, body: { availability: 'away' } }),
    setMemberCapacity: () => ({ id: ws.users.Al!.id, body: { capacity: 3 } }),
    setTeamCapacity: () => ({ id: ws.teams.Sales!, body: { maxOpen: 4 } }),
    getWorkspaceCapacity: () => ({}),
    listSlaPolicies: () => ({}),
    setWorkspaceCapacity: () => ({ body: { defaultMaxOpen: 5 } }),
    assignConversation: () => ({ id: replyTo, body: { assigneeId: ws.users.Cy!.id } }),
    listWorkflows: () => ({}),
    createWorkflow: () => ({ body: { name: 'New flow', definition: manualDefinition(ws.users.Al!.id) } }),
    getWorkflow: () => ({ id: draft }),
    updateWorkflow: () => ({ id: draft, body: { description: 'changed' } }),
    publishWorkflow: () => ({ id: draft }),
    listWorkflowRuns: () => ({ id: manual }),
    startWorkflowRun: () => ({ id: manual, body: { conversationId: replyTo } }),
    unpublishWorkflow: () => ({ id: stopping }),
  };
});
afterAll(() => handle.close());

/**
 * Workers of other test files drain queues of every workspace: an unprocessed outbox event is
 * relayed and run by them after 2 s, and sla_sync_queue rows are consumed whenever. Nothing in
 * this file runs a worker, so its events are marked processed as they appear (the test stands
 * in for the worker), and the SLA queues are left out of the fingerprint: that is bookkeeping
 * of other processes, not something a refused request could have written.
 */
const ASYNC_QUEUES = ['api_keys', 'sla_sync_queue', 'sla_recompute_requests'];
async function settleOutbox() {
  await handle.pool.query('update outbox_events set processed_at = now() where workspace_id = $1 and processed_at is null', [ws.workspaceId]);
}

/** Everything stored for the workspace (API keys aside: authenticating stamps last_used_at), as one hash per table. */
let fingerprintSql: string | null = null;
async function workspaceFingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const { rows: tables } = await handle.pool.query<{ table_name: string }>(
      "select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'workspace_id' and not (table_name = any($1)) order by table_name",
      [ASYNC_QUEUES],
    );
    // One statement for every table (one round trip, not one per table: the loop over every
    // endpoint took most of its time in round trips under a loaded machine).
    fingerprintSql = [
      ...tables.map(
        ({ table_name }) =>
          `select '${table_name}' as t, md5(coalesce((select string_agg(x::text, ',' order by x::text) from "${table_name}" x where workspace_id = $1), '')) as h`,
      ),
      "select 'workspaces', md5(x::text) from workspaces x where id = $1",
    ].join(' union all ');
  }
  const { rows } = await handle.pool.query<{ t: string; h: string }>(fingerprintSql, [ws.workspaceId]);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

const withKey = (endpoint: Endpoint): CallInit => ({
  ...requests[endpoint.operationId]!(),
  ...(endpoint.method === 'post' ? { headers: { 'idempotency-key': `scope-${endpoint.operationId}` } } : {}),
});

describe('API key scopes', () => {
  it('every endpoint declares a scope, and the test has a request for each', () => {
    for (const e of ALL_ENDPOINTS) expect(API_KEY_SCOPES, e.operationId).toContain(e.scope);
    expect(ALL_ENDPOINTS.map((e) => e.operationId).filter((id) => !requests[id])).toEqual([]);
  });

  // Every endpoint twice (≈ 10 s alone): generous under a loaded CI machine.
  it('a key without the endpoint scope gets 403 naming it and nothing is written; with only that scope it goes through', { timeout: 120_000 }, async () => {
    await settleOutbox();
    for (const endpoint of ALL_ENDPOINTS) {
      const before = await workspaceFingerprint();
      const refused = await callEndpoint(endpoint, keys.get(`all but ${endpoint.scope}`)!, withKey(endpoint));
      expectDeclared(endpoint, refused);
      expect(refused.status, endpoint.operationId).toBe(403);
      expect(refused.body.error.code).toBe('insufficient_scope');
      expect(refused.body.error.message).toContain(endpoint.scope);
      expect(refused.body.error.details).toEqual([{ field: 'scope', message: `requires ${endpoint.scope}` }]);
      expect(await workspaceFingerprint(), `${endpoint.operationId} wrote with a key lacking ${endpoint.scope}`).toEqual(before);

      const allowed = await callEndpoint(endpoint, keys.get(`only ${endpoint.scope}`)!, withKey(endpoint));
      expectDeclared(endpoint, allowed);
      expect(allowed.status, `${endpoint.operationId}: ${JSON.stringify(allowed.body)}`).toBeLessThan(300);
      if (endpoint.method !== 'get') expect(await workspaceFingerprint(), `${endpoint.operationId} changed nothing when allowed`).not.toEqual(before);
      await settleOutbox();
    }
  });

  it('the OpenAPI document names each operation\'s scope as its security requirement', () => {
    const doc = openApiDocument('http://baton.test');
    for (const e of ALL_ENDPOINTS) {
      const op = (doc.paths[e.path] as Record<string, { security: Array<Record<string, string[]>> }>)[e.method]!;
      expect(op.security[0]).toEqual({ apiKey: [e.scope] });
    }
  });

  it('scopes are checked when a key is created: none, or an unknown one, is refused naming the field', async () => {
    const scopes: Array<readonly string[]> = [[], ['conversations:delete']];
    for (const s of scopes) {
      await expect(createApiKey(t, { name: 'bad', createdBy: null, scopes: s })).rejects.toMatchObject({ code: 'invalid', details: { field: 'scopes' } });
    }
    const key = await createApiKey(t, { name: 'ordered', createdBy: null, scopes: ['team:read', 'conversations:read'] satisfies ApiKeyScope[] });
    expect(key.scopes).toEqual(['conversations:read', 'team:read']);
  });
});

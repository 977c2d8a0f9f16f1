import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createWorkflow, DomainError, getConversation, publishWorkflow, setWorkspaceSecret, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import type { WorkflowDefinitionInput } from '@baton/engine';
import { customerWrites, startTestWorker, waitFor } from './test-harness';

type Seen = { url: string; method: string; authorization: string | undefined; body: string };

/** The other system: a real HTTP server on 127.0.0.1. */
async function api() {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', authorization: req.headers.authorization, body });
      if (req.url?.startsWith('/crm')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { plan: 'enterprise', seats: 40 } }));
      } else if (req.url?.startsWith('/slow')) {
        setTimeout(() => res.writeHead(200).end('{}'), 3000).unref();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
let other: Awaited<ReturnType<typeof api>>;
beforeAll(async () => {
  harness = await startTestWorker();
  other = await api();
});
afterAll(async () => {
  await other.close();
  await harness.stop();
  await handle.close();
});

function flow(url: string, extra: Partial<{ timeoutMs: number; body: string }> = {}): WorkflowDefinitionInput {
  return {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [
      {
        id: 'lookup',
        type: 'http_request',
        config: {
          method: 'POST',
          url,
          headers: [{ name: 'Authorization', value: 'Bearer {{secret.CRM_TOKEN}}' }],
          body: extra.body ?? '{"contact": "{{contact.name}}"}',
          timeoutMs: extra.timeoutMs ?? 5000,
          saveAs: 'crm',
          fields: [{ name: 'plan', path: 'data.plan' }, { name: 'seats', path: 'data.seats' }],
        },
      },
      {
        id: 'big',
        type: 'branch',
        config: { branches: [{ id: 'vip', conditions: [{ id: 'c', kind: 'run_variable', key: 'http.crm.seats', operator: 'greater_than', value: '10' }] }] },
      },
      { id: 'vip-note', type: 'comment', config: { text: 'VIP on {{http.crm.plan}} (HTTP {{http.crm.status}})' } },
      { id: 'small-note', type: 'comment', config: { text: 'Small account' } },
      { id: 'failed-note', type: 'comment', config: { text: 'Lookup failed (status {{http.crm.status}})' } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'lookup' },
      { id: 'e2', source: 'lookup', sourceHandle: 'success', target: 'big' },
      { id: 'e3', source: 'lookup', sourceHandle: 'failed', target: 'failed-note' },
      { id: 'e4', source: 'big', sourceHandle: 'branch:vip', target: 'vip-note' },
      { id: 'e5', source: 'big', sourceHandle: 'else', target: 'small-note' },
    ],
  };
}

async function run(definition: WorkflowDefinitionInput) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }] });
  const t = tenant(handle.db, ws.workspaceId);
  await setWorkspaceSecret(t, { name: 'CRM_TOKEN', value: 'tok-123' });
  const { id } = await createWorkflow(t, { name: 'Lookup', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const inbound = await customerWrites(t, harness.queues, ws.channelId);
  const done = await waitFor(async () => {
    const { rows } = await handle.db.execute<{ status: string }>(sql`select status from workflow_runs where workspace_id = ${ws.workspaceId}`);
    return rows[0]?.status === 'completed' ? rows[0] : null;
  }, 20_000);
  const conversation = await getConversation(t, inbound.conversationId);
  const { rows: steps } = await handle.db.execute<{ step_id: string; output: string | null; decision: { explanation: string; variables?: Record<string, string> } }>(
    sql`select step_id, output, decision from run_steps where workspace_id = ${ws.workspaceId} and step_id = 'lookup' order by seq`,
  );
  const { rows: runs } = await handle.db.execute<{ state: Record<string, unknown> }>(sql`select state from workflow_runs where workspace_id = ${ws.workspaceId}`);
  return { done, comments: conversation.comments.map((c) => c.body), steps, state: runs[0]!.state };
}

describe('HTTP request step through the real worker', () => {
  it('calls the other system with the secret filled in, and later steps branch and write on its JSON answer', async () => {
    const r = await run(flow(`${other.base}/crm?name={{contact.name}}`));
    expect(r.comments).toEqual(['VIP on enterprise (HTTP 200)']);
    const call = other.seen.find((s) => s.url.startsWith('/crm'))!;
    expect(call).toMatchObject({ method: 'POST', url: '/crm?name=Dana', authorization: 'Bearer tok-123' });
    expect(JSON.parse(call.body)).toEqual({ contact: 'Dana' });
    // The log: the request (paused), then the answer; the secret's value is nowhere in the run.
    expect(r.steps.map((s) => s.output)).toEqual([null, 'success']);
    expect(r.steps[1]!.decision.variables).toEqual({ 'http.crm.status': '200', 'http.crm.plan': 'enterprise', 'http.crm.seats': '40' });
    expect(JSON.stringify(r)).not.toContain('tok-123');
    expect(r.state).not.toHaveProperty('pendingHttp');
    expect(r.state).not.toHaveProperty('httpResult');
  });

  it('a timeout takes failed, with the reason on the step', async () => {
    const r = await run(flow(`${other.base}/slow`, { timeoutMs: 500 }));
    expect(r.comments).toEqual(['Lookup failed (status )']);
    expect(r.steps[1]).toMatchObject({ output: 'failed', decision: { explanation: 'Request failed: Timed out after 500 ms.' } });
  });

  it('an answer that is not JSON takes failed, with the reason on the step', async () => {
    const r = await run(flow(`${other.base}/page`));
    expect(r.comments).toEqual(['Lookup failed (status 200)']);
    expect(r.steps[1]).toMatchObject({ output: 'failed', decision: { explanation: 'Request failed: The response is not JSON.' } });
  });

  it('a template variable that does not exist is a publish-time problem on the step', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const { id } = await createWorkflow(t, { name: 'Bad', definition: flow(`${other.base}/crm/{{contact.phone}}`) }, ws.users.Admin!.id);
    const publishing = publishWorkflow(t, id, ws.users.Admin!.id);
    await expect(publishing).rejects.toBeInstanceOf(DomainError);
    await expect(publishing).rejects.toMatchObject({ details: { problems: [expect.objectContaining({ stepId: 'lookup', field: 'config.url', code: 'unknown_variable' })] } });
  });
});

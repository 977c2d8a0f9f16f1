// Every public endpoint called through its real route handler against Postgres and Redis, with
// a success and a client error each; every answer must use a declared status and match its
// declared schema exactly (an undeclared field fails). The endpoint list is the one the OpenAPI
// document is generated from, so a new endpoint without a case here fails the last test.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createSlaPolicy, deleteSlaPolicy, startRunsForEvent, syncSlaClocks, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import type { Endpoint } from './contract/define-endpoint';
import { ALL_ENDPOINTS } from './endpoints/all-endpoints';
import * as c from './endpoints/conversation-endpoints';
import * as sla from './endpoints/sla-endpoints';
import * as t from './endpoints/team-endpoints';
import * as w from './endpoints/workflow-endpoints';
import { callEndpoint, expectDeclared, type CallInit } from './testing/call-endpoint';

const handle = testDatabase();
let ws: TestWorkspace;
let key: string;
const seen = new Map<string, Set<string>>();

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }, { name: 'Cy' }], teams: { Sales: ['Al'], Support: ['Cy'] } });
  key = (await createApiKey(tenant(handle.db, ws.workspaceId), { name: 'contract', createdBy: null })).plaintext;
});
afterAll(() => handle.close());

async function call(endpoint: Endpoint, init: CallInit = {}) {
  const r = await callEndpoint(endpoint, key, init);
  expectDeclared(endpoint, r);
  const kind = r.status < 300 ? 'success' : r.status < 500 ? 'client error' : 'server error';
  seen.set(endpoint.operationId, (seen.get(endpoint.operationId) ?? new Set()).add(kind));
  return r;
}

const fieldsOf = (r: { body: { error: { details: Array<{ field: string }> } } }) => r.body.error.details.map((d) => d.field);

describe('API contract: every endpoint answers what the document declares', () => {
  let conversationId: string;
  let workflowId: string;

  it('members and teams', async () => {
    const users = await call(t.listUsersEndpoint);
    expect(users.body.users).toHaveLength(3);
    expect(fieldsOf(await call(t.listUsersEndpoint, { query: { role: 'agent' } }))).toEqual(['role']);
    expect(fieldsOf(await call(t.listTeamsEndpoint, { query: { limit: '5' } }))).toEqual(['limit']);
    expect((await call(t.listTeamsEndpoint)).body.teams.map((x: { name: string }) => x.name)).toEqual(['Sales', 'Support']);
    const team = await call(t.createTeamEndpoint, { body: { name: 'Billing' } });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name: 'Billing', members: [] });
    expect((await call(t.createTeamEndpoint, { body: { name: 'Billing' } })).status).toBe(409);
    expect(fieldsOf(await call(t.createTeamEndpoint, { body: { name: '' } }))).toEqual(['name']);
    const added = await call(t.addTeamMemberEndpoint, { id: team.body.id, body: { userId: ws.users.Cy!.id } });
    expect(added.body.members).toEqual([{ userId: ws.users.Cy!.id, name: 'Cy' }]);
    expect((await call(t.addTeamMemberEndpoint, { id: team.body.id, body: { userId: randomUUID() } })).status).toBe(404);
    expect((await call(t.setAvailabilityEndpoint, { id: ws.users.Al!.id, body: { availability: 'away' } })).body.availability).toBe('away');
    expect(fieldsOf(await call(t.setAvailabilityEndpoint, { id: ws.users.Al!.id, body: { availability: 'asleep' } }))).toEqual(['availability']);
  });

  it('capacity: the workspace default, a team override, a member override (smallest wins), and assigning at capacity', async () => {
    expect((await call(t.getWorkspaceCapacityEndpoint)).body).toEqual({ defaultMaxOpen: null });
    expect(fieldsOf(await call(t.getWorkspaceCapacityEndpoint, { query: { team: 'x' } }))).toEqual(['team']);
    expect((await call(t.setWorkspaceCapacityEndpoint, { body: { defaultMaxOpen: 5 } })).body).toEqual({ defaultMaxOpen: 5 });
    expect(fieldsOf(await call(t.setWorkspaceCapacityEndpoint, { body: { defaultMaxOpen: 0 } }))).toEqual(['defaultMaxOpen']);
    expect((await call(t.setTeamCapacityEndpoint, { id: ws.teams.Sales!, body: { maxOpen: 3 } })).body).toEqual({ teamId: ws.teams.Sales, maxOpen: 3 });
    expect(fieldsOf(await call(t.setTeamCapacityEndpoint, { id: ws.teams.Sales!, body: { maxOpen: 1.5 } }))).toEqual(['maxOpen']);
    expect((await call(t.setTeamCapacityEndpoint, { id: randomUUID(), body: { maxOpen: 3 } })).status).toBe(404);
    // Al (Sales, 3): his own 4 does not lift him over the team's 3; his own 1 lowers it.
    expect((await call(t.setMemberCapacityEndpoint, { id: ws.users.Al!.id, body: { capacity: 4 } })).body).toEqual({ userId: ws.users.Al!.id, capacityOverride: 4, capacity: 3, openConversations: 0 });
    expect((await call(t.setMemberCapacityEndpoint, { id: ws.users.Al!.id, body: { capacity: 1 } })).body).toMatchObject({ capacityOverride: 1, capacity: 1 });
    const bad = await call(t.setMemberCapacityEndpoint, { id: ws.users.Al!.id, body: { capacity: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'capacity', message: 'Capacity must be at least 1' }]);
    expect((await call(t.setMemberCapacityEndpoint, { id: randomUUID(), body: { capacity: 2 } })).status).toBe(404);
    const al = (await call(t.listUsersEndpoint)).body.users.find((u: { id: string }) => u.id === ws.users.Al!.id);
    expect(al).toMatchObject({ capacity: 1, capacityOverride: 1 });

    // Al at 1/1: assigning a second conversation to him is a 409 naming his load, unless forced.
    const inbound = async (externalId: string) => (await call(c.receiveMessageEndpoint, { id: ws.channelId, body: { contact: { externalId }, text: 'Hi' } })).body.conversationId as string;
    const [first, second] = [await inbound('cap-1'), await inbound('cap-2')];
    expect((await call(c.assignConversationEndpoint, { id: first, body: { assigneeId: ws.users.Al!.id, teamId: ws.teams.Sales } })).body).toEqual({ assigneeId: ws.users.Al!.id, teamId: ws.teams.Sales, changed: true });
    const refused = await call(c.assignConversationEndpoint, { id: second, body: { assigneeId: ws.users.Al!.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'at_capacity',
      message: 'Al is at capacity 1/1; send force: true to assign anyway',
      details: { field: 'assigneeId', openCount: 1, capacity: 1 },
    });
    expect((await call(c.assignConversationEndpoint, { id: second, body: { assigneeId: ws.users.Al!.id, force: true } })).body).toMatchObject({ assigneeId: ws.users.Al!.id, changed: true });
    // Assigning again to the same person is no change, not a refusal.
    expect((await call(c.assignConversationEndpoint, { id: second, body: { assigneeId: ws.users.Al!.id } })).body).toMatchObject({ changed: false });
    expect(fieldsOf(await call(c.assignConversationEndpoint, { id: second, body: { assigneeId: 'bob' } }))).toEqual(['assigneeId']);
    expect((await call(c.assignConversationEndpoint, { id: randomUUID(), body: { assigneeId: null } })).status).toBe(404);
    expect((await call(c.assignConversationEndpoint, { id: second, body: { assigneeId: null } })).body).toEqual({ assigneeId: null, teamId: null, changed: true });
    // Leave the workspace as the other cases expect it.
    await call(t.setMemberCapacityEndpoint, { id: ws.users.Al!.id, body: { capacity: null } });
    await call(t.setTeamCapacityEndpoint, { id: ws.teams.Sales!, body: { maxOpen: null } });
    await call(t.setWorkspaceCapacityEndpoint, { body: { defaultMaxOpen: null } });
    await call(c.closeConversationEndpoint, { id: first });
    await call(c.closeConversationEndpoint, { id: second });
  });

  it('inbound messages, conversations, contacts, messages and events', async () => {
    const message = { contact: { externalId: 'contract-1', name: 'Contract Person', email: 'cp@example.test' }, text: 'Hello', externalId: 'contract-msg-1' };
    const sent = await call(c.receiveMessageEndpoint, { id: ws.channelId, body: message });
    expect(sent.status).toBe(201);
    conversationId = sent.body.conversationId;
    expect((await call(c.receiveMessageEndpoint, { id: ws.channelId, body: message })).body.duplicate).toBe(true);
    expect(fieldsOf(await call(c.receiveMessageEndpoint, { id: ws.channelId, body: { contact: {}, text: '' } }))).toEqual(expect.arrayContaining(['contact.externalId', 'text']));

    const list = await call(c.listConversationsEndpoint, { query: { status: 'open', assigneeId: 'none', channelId: ws.channelId } });
    expect(list.body.conversations.map((x: { id: string }) => x.id)).toEqual([conversationId]);
    expect(list.body.nextCursor).toBeNull();
    expect(fieldsOf(await call(c.listConversationsEndpoint, { query: { status: 'pending' } }))).toEqual(['status']);
    expect(fieldsOf(await call(c.listConversationsEndpoint, { query: { assignee: 'x' } }))).toEqual(['assignee']);
    expect(fieldsOf(await call(c.listConversationsEndpoint, { query: { limit: '201' } }))).toEqual(['limit']);
    expect(fieldsOf(await call(c.listConversationsEndpoint, { query: { cursor: 'garbage' } }))).toEqual(['cursor']);
    expect(fieldsOf(await call(c.listConversationsEndpoint, { query: { updatedSince: 'yesterday' } }))).toEqual(['updatedSince']);

    const contacts = await call(c.listContactsEndpoint, { query: { externalId: 'contract-1' } });
    expect(contacts.body.contacts).toMatchObject([{ externalId: 'contract-1', name: 'Contract Person', email: 'cp@example.test' }]);
    expect(fieldsOf(await call(c.listContactsEndpoint, { query: { limit: '0' } }))).toEqual(['limit']);

    const detail = await call(c.getConversationEndpoint, { id: conversationId });
    expect(detail.body.messages).toHaveLength(1);
    expect((await call(c.getConversationEndpoint, { id: randomUUID() })).status).toBe(404);

    const reply = await call(c.sendReplyEndpoint, { id: conversationId, body: { userId: ws.users.Al!.id, text: 'On it' } });
    expect(reply.status).toBe(201);
    expect(fieldsOf(await call(c.sendReplyEndpoint, { id: conversationId, body: { userId: ws.users.Al!.id } }))).toEqual(['text']);

    const messages = await call(c.listMessagesEndpoint, { id: conversationId, query: { limit: '1' } });
    expect(messages.body.messages.map((m: { direction: string }) => m.direction)).toEqual(['incoming']);
    const rest = await call(c.listMessagesEndpoint, { id: conversationId, query: { limit: '1', cursor: messages.body.nextCursor } });
    expect(rest.body.messages.map((m: { id: string }) => m.id)).toEqual([reply.body.messageId]);
    expect((await call(c.listMessagesEndpoint, { id: randomUUID() })).status).toBe(404);
    expect((await call(c.listMessagesEndpoint, { id: conversationId, query: { direction: 'outgoing' } })).body.messages).toHaveLength(1);

    const events = await call(c.listEventsEndpoint, { id: conversationId, query: { type: 'opened' } });
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual(['opened']);
    expect(fieldsOf(await call(c.listEventsEndpoint, { id: conversationId, query: { type: 'exploded' } }))).toEqual(['type']);
  });

  it('workflows and runs', async () => {
    const definition = {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
      steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'user', userId: ws.users.Cy!.id } } }],
      edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
    };
    expect(fieldsOf(await call(w.createWorkflowEndpoint, { body: { definition } }))).toContain('name');
    const created = await call(w.createWorkflowEndpoint, { body: { name: 'Contract flow', definition } });
    expect(created.status).toBe(201);
    workflowId = created.body.id;
    expect(fieldsOf(await call(w.listWorkflowsEndpoint, { query: { status: 'draft' } }))).toEqual(['status']);
    expect((await call(w.listWorkflowsEndpoint)).body.workflows.map((x: { id: string }) => x.id)).toContain(workflowId);
    expect((await call(w.getWorkflowEndpoint, { id: workflowId })).body.name).toBe('Contract flow');
    expect((await call(w.getWorkflowEndpoint, { id: 'not-an-id' })).status).toBe(404);
    expect((await call(w.updateWorkflowEndpoint, { id: workflowId, body: { description: 'for the contract test' } })).body.problems).toEqual([]);
    expect((await call(w.updateWorkflowEndpoint, { id: workflowId, body: { name: 7 } })).status).toBe(400);
    expect((await call(w.startWorkflowRunEndpoint, { id: workflowId, body: { conversationId } })).status).toBe(409);
    expect((await call(w.publishWorkflowEndpoint, { id: workflowId })).body.version).toBe(1);
    expect((await call(w.publishWorkflowEndpoint, { id: randomUUID() })).status).toBe(404);

    const started = await call(w.startWorkflowRunEndpoint, { id: workflowId, body: { conversationId } });
    expect(started.status).toBe(202);
    await startRunsForEvent(tenant(handle.db, ws.workspaceId), started.body.eventId);
    const runs = await call(w.listWorkflowRunsEndpoint, { id: workflowId });
    expect(runs.body.runs).toHaveLength(1);
    expect((await call(w.listWorkflowRunsEndpoint, { id: workflowId, query: { status: 'lost' } })).status).toBe(400);
    const across = await call(w.listRunsEndpoint, { query: { conversationId, status: ['waiting', 'running', 'completed'] } });
    expect(across.body.runs.map((r: { id: string }) => r.id)).toEqual([runs.body.runs[0].id]);
    expect(fieldsOf(await call(w.listRunsEndpoint, { query: { workflowId: 'x' } }))).toEqual(['workflowId']);
    const run = await call(w.getRunEndpoint, { id: runs.body.runs[0].id });
    expect(run.body.steps.length).toBeGreaterThan(0);
    expect((await call(w.getRunEndpoint, { id: randomUUID() })).status).toBe(404);

    expect((await call(w.unpublishWorkflowEndpoint, { id: workflowId })).body.status).toBe('stopped');
    expect((await call(w.unpublishWorkflowEndpoint, { id: randomUUID() })).status).toBe(404);
    const closed = await call(c.closeConversationEndpoint, { id: conversationId });
    expect(closed.body).toMatchObject({ status: 'closed', changed: true });
    expect((await call(c.closeConversationEndpoint, { id: randomUUID() })).status).toBe(404);
  });

  it("SLA: the policies, and a conversation's clocks in its answers", async () => {
    const policy = await createSlaPolicy(tenant(handle.db, ws.workspaceId), {
      name: 'Contract SLA',
      conditions: {},
      targets: { firstResponseSeconds: 600, resolutionSeconds: 3600 },
      businessHours: null,
      warningPercent: 80,
      pauseWhileWaitingOnCustomer: true,
    });
    try {
      expect((await call(sla.listSlaPoliciesEndpoint)).body.policies).toEqual([
        expect.objectContaining({ id: policy.id, name: 'Contract SLA', targets: { firstResponseSeconds: 600, nextResponseSeconds: null, resolutionSeconds: 3600 }, pauseWhileWaitingOnCustomer: true }),
      ]);
      expect(fieldsOf(await call(sla.listSlaPoliciesEndpoint, { query: { team: 'x' } }))).toEqual(['team']);
      const sent = await call(c.receiveMessageEndpoint, { id: ws.channelId, body: { contact: { externalId: 'sla-contract' }, text: 'Hi' } });
      const id = sent.body.conversationId as string;
      // The worker plans clocks (any worker: parallel files' workers drain every workspace's queue).
      let detail = await call(c.getConversationEndpoint, { id });
      for (const deadline = Date.now() + 20_000; detail.body.sla.length < 2 && Date.now() < deadline; detail = await call(c.getConversationEndpoint, { id })) await syncSlaClocks(handle.db);
      expect(detail.body.sla.map((k: { kind: string; status: string; targetSeconds: number; breached: boolean }) => [k.kind, k.status, k.targetSeconds, k.breached])).toEqual([
        ['first_response', 'running', 600, false],
        ['resolution', 'running', 3600, false],
      ]);
      const listed = await call(c.listConversationsEndpoint, { query: { status: 'open', assigneeId: 'none' } });
      expect(listed.body.conversations.find((x: { id: string }) => x.id === id).sla).toHaveLength(2);
      await call(c.closeConversationEndpoint, { id });
    } finally {
      await deleteSlaPolicy(tenant(handle.db, ws.workspaceId), policy.id);
    }
  });

  it('an unknown key gets the declared 401 on every endpoint', async () => {
    for (const endpoint of ALL_ENDPOINTS) {
      const r = await callEndpoint(endpoint, 'bk_live_unknown', { id: randomUUID(), body: endpoint.method === 'get' ? undefined : {} });
      expectDeclared(endpoint, r);
      expect(r.status).toBe(401);
    }
  });

  it('every endpoint was called with a success and a client error, and none answered 500', () => {
    const missing = ALL_ENDPOINTS.filter((e) => !(seen.get(e.operationId)?.has('success') && seen.get(e.operationId)?.has('client error'))).map((e) => e.operationId);
    expect(missing).toEqual([]);
  });
});

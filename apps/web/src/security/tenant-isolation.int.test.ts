// Tenant isolation, proven endpoint by endpoint: with workspace A's API key or A's signed-in
// owner, every API route and server action that names an object of workspace B answers
// "not found" (404 / { ok: false }) and leaves B exactly as it was. The tables below must
// cover every route file and every exported server action: adding one without a row here
// fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, signPayload, tenant } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { createTwoWorkspaces, workspaceDigest, type TwoWorkspaces } from './two-workspaces';
import { HTTP_METHODS, importWeb, routeFiles, serverActionFiles } from './discover-endpoints';
import { signInAs } from './session-state';

const handle = testDatabase();
let w: TwoWorkspaces;
let before: Record<string, string>;

beforeAll(async () => {
  w = await createTwoWorkspaces(handle.db);
  before = await workspaceDigest(handle, w.b.workspaceId);
});
afterAll(() => handle.close());

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(file: string, method: string, url: string, init: { params?: Record<string, string>; body?: unknown; headers?: Record<string, string>; key?: string | null } = {}) {
  const mod = await importWeb(file);
  const handler = mod[method] as Handler;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? w.a.apiKey}`;
  const req = new Request(`http://baton.test${url}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json');
  return { status: res.status, text, body: json && text ? JSON.parse(text) : null };
}

/** B's ids, none of which may appear in anything A reads. */
function bIds(): string[] {
  return [w.b.workspaceId, w.b.workflowId, w.b.conversationId, w.b.runId, w.b.channelId, w.b.apiKeyId, w.b.invitationId, w.b.versionId, ...Object.values(w.b.teams), ...Object.values(w.b.users).map((u) => u.id)];
}

async function expectNotFound(p: Promise<{ status: number; body: { error?: { code: string; message: string } } | null }>) {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(404);
  expect(r.body?.error?.code).toBe('not_found');
}

async function expectListWithoutB(p: Promise<{ status: number; text: string }>) {
  const r = await p;
  expect(r.status).toBe(200);
  for (const id of bIds()) expect(r.text).not.toContain(id);
  expect(r.text).not.toContain('B secret text');
}

type RouteCases = Record<string, () => Promise<void>>;

/** file → method → what A's credentials get on B's objects. */
const ROUTES: Record<string, RouteCases> = {
  'app/api/v1/openapi.json/route.ts': {
    GET: async () => {
      // Public by design: the API's description holds no tenant data.
      const r = await call('app/api/v1/openapi.json/route.ts', 'GET', '/api/v1/openapi.json', { key: null });
      expect(r.status).toBe(200);
    },
  },
  'app/api/docs/route.ts': {
    GET: async () => {
      // Public by design: the reference page renders the public document, no tenant data.
      const r = await call('app/api/docs/route.ts', 'GET', '/api/docs', { key: null });
      expect(r.status).toBe(200);
      expect(r.text).toContain('/api/v1/openapi.json');
    },
  },
  'app/api/docs/[asset]/route.ts': {
    GET: async () => {
      const file = 'app/api/docs/[asset]/route.ts';
      expect((await call(file, 'GET', '/api/docs/swagger-ui.css', { key: null, params: { asset: 'swagger-ui.css' } })).status).toBe(200);
      // Only the listed files: no path out of the package.
      for (const asset of ['package.json', '../../package.json', '..%2F..%2F.env']) {
        expect((await call(file, 'GET', `/api/docs/${asset}`, { key: null, params: { asset } })).status).toBe(404);
      }
    },
  },
  'app/api/auth/[...nextauth]/route.ts': {
    // next-auth's own endpoints (csrf, callback, session) take no object ids; sign-in is
    // covered by the sign-in rate limit test and the foundation e2e.
    GET: async () => {},
    POST: async () => {},
  },
  'app/api/realtime/route.ts': {
    GET: async () => {
      // The stream is for the member's active workspace, never the cookie's word for it:
      // signed out → 401; A's member with a forged cookie naming B still gets A.
      signInAs(null);
      const out = await call('app/api/realtime/route.ts', 'GET', '/api/realtime', { key: null });
      expect(out.status).toBe(401);
      const { getMemberContext } = await import('@/server/auth/require-member');
      signInAs(w.a.users.Owner!.id, w.b.workspaceId);
      const m = await getMemberContext();
      expect(m !== 'signed-out' && m !== 'no-workspace' && m.workspace.id).toBe(w.a.workspaceId);
    },
  },
  'app/api/notifications/route.ts': {
    GET: async () => {
      // The member's own notifications in their active workspace, whatever the cookie says.
      signInAs(null);
      expect((await call('app/api/notifications/route.ts', 'GET', '/api/notifications', { key: null })).status).toBe(401);
      signInAs(w.a.users.Owner!.id, w.b.workspaceId);
      await expectListWithoutB(call('app/api/notifications/route.ts', 'GET', '/api/notifications', { key: null }));
    },
  },
  'app/api/internal/runs/metrics-export/route.ts': {
    GET: async () => {
      // Session route: the metrics are the member's workspace's, whatever the cookie says.
      const file = 'app/api/internal/runs/metrics-export/route.ts';
      signInAs(w.a.users.Owner!.id, w.b.workspaceId);
      for (const table of ['agents', 'daily']) {
        const r = await call(file, 'GET', `/api/internal/runs/metrics-export?table=${table}`, { key: null });
        expect(r.status).toBe(200);
        for (const name of ['Boss', 'Bea', 'Cy', ...bIds()]) expect(r.text).not.toContain(name);
      }
    },
  },
  'app/api/internal/runs/step-analytics/route.ts': {
    GET: async () => {
      // Session route: B's workflow is not found from A, whatever the cookie says.
      const file = 'app/api/internal/runs/step-analytics/route.ts';
      signInAs(w.a.users.Owner!.id, w.b.workspaceId);
      const r = await call(file, 'GET', `/api/internal/runs/step-analytics?workflowId=${w.b.workflowId}`, { key: null });
      expect([404, 400]).toContain(r.status);
      for (const bid of bIds()) expect(r.text).not.toContain(bid);
    },
  },
  'app/api/v1/teams/route.ts': {
    GET: () => expectListWithoutB(call('app/api/v1/teams/route.ts', 'GET', '/api/v1/teams')),
    POST: async () => {
      // Creates in A only (B's digest is checked after every route); the answer holds no B ids.
      const r = await call('app/api/v1/teams/route.ts', 'POST', '/api/v1/teams', { body: { name: 'Sales' } });
      expect(r.status, r.text).toBe(201);
      for (const id of bIds()) expect(r.text).not.toContain(id);
    },
  },
  'app/api/v1/teams/[id]/members/route.ts': {
    POST: async () => {
      const file = 'app/api/v1/teams/[id]/members/route.ts';
      // B's team with A's member, and A's team with B's member: both unknown to A.
      await expectNotFound(call(file, 'POST', `/api/v1/teams/${w.b.teams.Sales}/members`, { params: { id: w.b.teams.Sales! }, body: { userId: w.a.users.Agent!.id } }));
      await expectNotFound(call(file, 'POST', `/api/v1/teams/${w.a.teams.Front}/members`, { params: { id: w.a.teams.Front! }, body: { userId: w.b.users.Bea!.id } }));
    },
  },
  'app/api/v1/conversations/route.ts': { GET: () => expectListWithoutB(call('app/api/v1/conversations/route.ts', 'GET', '/api/v1/conversations')) },
  'app/api/v1/contacts/route.ts': { GET: () => expectListWithoutB(call('app/api/v1/contacts/route.ts', 'GET', '/api/v1/contacts')) },
  'app/api/v1/runs/route.ts': {
    GET: async () => {
      await expectListWithoutB(call('app/api/v1/runs/route.ts', 'GET', '/api/v1/runs'));
      // Filtering by B's ids finds nothing rather than B's runs.
      const r = await call('app/api/v1/runs/route.ts', 'GET', `/api/v1/runs?workflowId=${w.b.workflowId}&conversationId=${w.b.conversationId}`);
      expect(r.body.runs).toEqual([]);
    },
  },
  'app/api/v1/conversations/[id]/events/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/conversations/[id]/events/route.ts', 'GET', `/api/v1/conversations/${w.b.conversationId}/events`, { params: { id: w.b.conversationId } })),
  },
  'app/api/v1/users/route.ts': { GET: () => expectListWithoutB(call('app/api/v1/users/route.ts', 'GET', '/api/v1/users')) },
  'app/api/v1/users/[id]/availability/route.ts': {
    PUT: () =>
      expectNotFound(
        call('app/api/v1/users/[id]/availability/route.ts', 'PUT', `/api/v1/users/${w.b.users.Bea!.id}/availability`, {
          params: { id: w.b.users.Bea!.id },
          body: { availability: 'offline' },
        }),
      ),
  },
  'app/api/v1/users/[id]/capacity/route.ts': {
    PUT: () =>
      expectNotFound(
        call('app/api/v1/users/[id]/capacity/route.ts', 'PUT', `/api/v1/users/${w.b.users.Bea!.id}/capacity`, { params: { id: w.b.users.Bea!.id }, body: { capacity: 1 } }),
      ),
  },
  'app/api/v1/teams/[id]/capacity/route.ts': {
    PUT: () =>
      expectNotFound(call('app/api/v1/teams/[id]/capacity/route.ts', 'PUT', `/api/v1/teams/${w.b.teams.Sales}/capacity`, { params: { id: w.b.teams.Sales! }, body: { maxOpen: 1 } })),
  },
  'app/api/v1/sla-policies/route.ts': { GET: () => expectListWithoutB(call('app/api/v1/sla-policies/route.ts', 'GET', '/api/v1/sla-policies')) },
  'app/api/v1/capacity/route.ts': {
    GET: async () => {
      const r = await call('app/api/v1/capacity/route.ts', 'GET', '/api/v1/capacity');
      expect(r.status, r.text).toBe(200);
    },
    PUT: async () => {
      // A's own default only (B's digest is checked after every route); put back after.
      const file = 'app/api/v1/capacity/route.ts';
      expect((await call(file, 'PUT', '/api/v1/capacity', { body: { defaultMaxOpen: 7 } })).body).toEqual({ defaultMaxOpen: 7 });
      expect((await call(file, 'PUT', '/api/v1/capacity', { body: { defaultMaxOpen: null } })).status).toBe(200);
    },
  },
  'app/api/v1/conversations/[id]/assign/route.ts': {
    POST: async () => {
      const file = 'app/api/v1/conversations/[id]/assign/route.ts';
      // B's conversation is unknown to A; A's conversation cannot go to B's member or team.
      await expectNotFound(call(file, 'POST', `/api/v1/conversations/${w.b.conversationId}/assign`, { params: { id: w.b.conversationId }, body: { assigneeId: w.a.users.Agent!.id } }));
      const ours = (await receiveInboundMessage(tenant(handle.db, w.a.workspaceId), w.a.channelId, { contact: { externalId: 'a-assign' }, text: 'hi' })).conversationId;
      const toB = await call(file, 'POST', `/api/v1/conversations/${ours}/assign`, { params: { id: ours }, body: { assigneeId: w.b.users.Bea!.id } });
      expect(toB.status, toB.text).toBe(400);
      const toBTeam = await call(file, 'POST', `/api/v1/conversations/${ours}/assign`, { params: { id: ours }, body: { assigneeId: null, teamId: w.b.teams.Sales } });
      expect(toBTeam.status, toBTeam.text).toBe(400);
    },
  },
  'app/api/v1/workflows/route.ts': {
    GET: () => expectListWithoutB(call('app/api/v1/workflows/route.ts', 'GET', '/api/v1/workflows')),
    POST: async () => {
      // Creates in A only; a definition naming B's teams is a draft with problems, never B's.
      const r = await call('app/api/v1/workflows/route.ts', 'POST', '/api/v1/workflows', {
        body: { name: 'Sneaky', definition: (await import('@baton/engine')).reassignIfNoReply({ firstTeamId: w.b.teams.Sales!, secondTeamId: w.b.teams.Support!, duration: { amount: 1, unit: 'minutes' } }) },
      });
      expect(r.status).toBe(201);
      expect(r.body.problems.length).toBeGreaterThan(0);
      const publish = await call('app/api/v1/workflows/[id]/publish/route.ts', 'POST', `/api/v1/workflows/${r.body.id}/publish`, { params: { id: r.body.id } });
      expect(publish.status).toBe(400);
    },
  },
  'app/api/v1/workflows/[id]/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/workflows/[id]/route.ts', 'GET', `/api/v1/workflows/${w.b.workflowId}`, { params: { id: w.b.workflowId } })),
    PUT: () =>
      expectNotFound(
        call('app/api/v1/workflows/[id]/route.ts', 'PUT', `/api/v1/workflows/${w.b.workflowId}`, { params: { id: w.b.workflowId }, body: { name: 'Pwned' } }),
      ),
  },
  'app/api/v1/workflows/[id]/publish/route.ts': {
    POST: () => expectNotFound(call('app/api/v1/workflows/[id]/publish/route.ts', 'POST', `/api/v1/workflows/${w.b.workflowId}/publish`, { params: { id: w.b.workflowId } })),
  },
  'app/api/v1/workflows/[id]/unpublish/route.ts': {
    POST: () => expectNotFound(call('app/api/v1/workflows/[id]/unpublish/route.ts', 'POST', `/api/v1/workflows/${w.b.workflowId}/unpublish`, { params: { id: w.b.workflowId } })),
  },
  'app/api/v1/workflows/[id]/runs/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/workflows/[id]/runs/route.ts', 'GET', `/api/v1/workflows/${w.b.workflowId}/runs`, { params: { id: w.b.workflowId } })),
    POST: async () => {
      // B's workflow on B's conversation, and (mixed) A's own id space with B's conversation.
      await expectNotFound(
        call('app/api/v1/workflows/[id]/runs/route.ts', 'POST', `/api/v1/workflows/${w.b.workflowId}/runs`, { params: { id: w.b.workflowId }, body: { conversationId: w.b.conversationId } }),
      );
    },
  },
  'app/api/v1/runs/[id]/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/runs/[id]/route.ts', 'GET', `/api/v1/runs/${w.b.runId}`, { params: { id: w.b.runId } })),
  },
  'app/api/v1/conversations/[id]/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/conversations/[id]/route.ts', 'GET', `/api/v1/conversations/${w.b.conversationId}`, { params: { id: w.b.conversationId } })),
  },
  'app/api/v1/conversations/[id]/messages/route.ts': {
    GET: () => expectNotFound(call('app/api/v1/conversations/[id]/messages/route.ts', 'GET', `/api/v1/conversations/${w.b.conversationId}/messages`, { params: { id: w.b.conversationId } })),
    POST: () =>
      expectNotFound(
        call('app/api/v1/conversations/[id]/messages/route.ts', 'POST', `/api/v1/conversations/${w.b.conversationId}/messages`, {
          params: { id: w.b.conversationId },
          body: { text: 'hi from A', userId: w.a.users.Agent!.id },
        }),
      ),
  },
  'app/api/v1/conversations/[id]/close/route.ts': {
    POST: () => expectNotFound(call('app/api/v1/conversations/[id]/close/route.ts', 'POST', `/api/v1/conversations/${w.b.conversationId}/close`, { params: { id: w.b.conversationId } })),
  },
  'app/api/v1/channels/[id]/messages/route.ts': {
    POST: async () => {
      const file = 'app/api/v1/channels/[id]/messages/route.ts';
      const url = `/api/v1/channels/${w.b.channelId}/messages`;
      const body = { contact: { externalId: 'from-a', name: 'Mallory' }, text: 'injected' };
      // A's API key on B's channel.
      await expectNotFound(call(file, 'POST', url, { params: { id: w.b.channelId }, body }));
      // A's channel secret signing a message for B's channel: the signature is B's to make.
      const raw = JSON.stringify(body);
      const ts = String(Math.floor(Date.now() / 1000));
      const r = await call(file, 'POST', url, {
        key: null,
        params: { id: w.b.channelId },
        body: raw,
        headers: { 'x-baton-timestamp': ts, 'x-baton-signature': signPayload(w.a.channelSecret, ts, raw) },
      });
      expect(r.status).toBe(401);
    },
  },
};

describe('tenant isolation: API routes', () => {
  it('the route table covers every route file and every exported method', async () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const mod = await importWeb(file);
      for (const method of HTTP_METHODS) {
        if (typeof mod[method] === 'function' && !ROUTES[file]?.[method]) missing.push(`${method} ${file}`);
      }
    }
    expect(missing, 'add these to ROUTES in tenant-isolation.int.test.ts').toEqual([]);
  });

  for (const [file, methods] of Object.entries(ROUTES)) {
    for (const [method, run] of Object.entries(methods)) {
      it(`${method} ${file.replace('app/', '/').replace('/route.ts', '')}: workspace A cannot reach B`, run);
    }
  }

  it('B is unchanged after every route was called with A’s credentials', async () => {
    expect(await workspaceDigest(handle, w.b.workspaceId)).toEqual(before);
  });
});

// ───────────────────────────── server actions ─────────────────────────────

type ActionOutcome = { ok: boolean; error?: string } | undefined;

/** Runs an action as A's owner, whose cookie names B: the ways in are ids and the cookie. */
async function asOwnerOfA<T>(fn: () => Promise<T>): Promise<T | { thrown: unknown }> {
  signInAs(w.a.users.Owner!.id, w.b.workspaceId);
  try {
    return await fn();
  } catch (thrown) {
    return { thrown };
  }
}

function refused(result: unknown) {
  if (result && typeof result === 'object' && 'thrown' in result) {
    const e = (result as { thrown: { code?: string; name?: string } }).thrown;
    // A DomainError thrown through (the client shows an error) — must be not_found, never data.
    expect(e.code, String(e)).toBe('not_found');
    return;
  }
  expect((result as ActionOutcome)?.ok, JSON.stringify(result)).toBe(false);
}

const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

type ActionCases = Record<string, (mod: Record<string, (...args: never[]) => Promise<unknown>>) => Promise<void>>;
const act = (mod: Record<string, unknown>, name: string) => mod[name] as (...args: unknown[]) => Promise<unknown>;

const ACTIONS: Record<string, ActionCases> = {
  'server/workflows/manage-workflows.ts': {
    createWorkflowAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'createWorkflowAction')({ name: 'x', templateId: 'reassign-if-no-reply', firstTeamId: w.b.teams.Sales, secondTeamId: w.b.teams.Support }))),
    renameWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'renameWorkflowAction')(w.b.workflowId, 'Pwned'))),
    duplicateWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'duplicateWorkflowAction')(w.b.workflowId))),
    deleteWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteWorkflowAction')(w.b.workflowId))),
  },
  'server/workflows/edit-workflow.ts': {
    saveDraftAction: async (m) => refused(await asOwnerOfA(() => act(m, 'saveDraftAction')(w.b.workflowId, { version: 1, steps: [] }))),
    publishWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'publishWorkflowAction')(w.b.workflowId))),
    runsInFlightAction: async (m) => refused(await asOwnerOfA(() => act(m, 'runsInFlightAction')(w.b.workflowId))),
    publishPreviewAction: async (m) => refused(await asOwnerOfA(() => act(m, 'publishPreviewAction')(w.b.workflowId))),
    stopWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'stopWorkflowAction')(w.b.workflowId))),
    getVersionAction: async (m) => refused(await asOwnerOfA(() => act(m, 'getVersionAction')(w.b.workflowId, w.b.versionId))),
    restoreVersionAction: async (m) => refused(await asOwnerOfA(() => act(m, 'restoreVersionAction')(w.b.workflowId, w.b.versionId))),
    refreshWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'refreshWorkflowAction')(w.b.workflowId))),
  },
  'server/workflows/simulate-workflow.ts': {
    startSimulationAction: async (m) => refused(await asOwnerOfA(() => act(m, 'startSimulationAction')(w.b.workflowId, { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString(), seed: 1 }))),
    simulationProgressAction: async (m) => refused(await asOwnerOfA(() => act(m, 'simulationProgressAction')(w.b.simulationId))),
    cancelSimulationAction: async (m) => refused(await asOwnerOfA(() => act(m, 'cancelSimulationAction')(w.b.simulationId))),
  },
  'server/runs/run-actions.ts': {
    fireWaitNowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'fireWaitNowAction')(w.b.runId, w.b.waitSeq))),
    cancelRunAction: async (m) => refused(await asOwnerOfA(() => act(m, 'cancelRunAction')(w.b.runId))),
    retryRunAction: async (m) => refused(await asOwnerOfA(() => act(m, 'retryRunAction')(w.b.runId))),
  },
  'app/(auth)/sign-up/actions.ts': {
    // No tenant yet; signing up with a B member's email must not reach B's account.
    signUpAction: async (m) => {
      signInAs(null);
      const r = await act(m, 'signUpAction')(fd({ name: 'Eve', email: w.b.users.Boss!.email, password: 'long-enough-pw', workspaceName: 'Eve Co' }));
      refused(r);
    },
  },
  'app/(auth)/invite/[token]/actions.ts': {
    // B's invitation is for another email: A's owner cannot take it.
    acceptAsSignedInUser: async (m) => refused(await asOwnerOfA(() => act(m, 'acceptAsSignedInUser')(w.b.invitationToken))),
    // No session and no object id but the token, which is the credential itself: without B's
    // token nothing is created. (With it, creating the invited account is its purpose; an
    // email that has an account is refused without a password check: invitations.int.test.ts.)
    acceptAsNewAccount: async (m) => {
      signInAs(null);
      refused(await act(m, 'acceptAsNewAccount')(fd({ token: `${w.b.invitationToken}x`, name: 'Eve', password: 'long-enough-pw' })));
    },
  },
  'app/(app)/team/actions.ts': {
    inviteMember: async (m) => {
      // Invites into A (the member's workspace), not the cookie's B.
      const r = (await asOwnerOfA(() => act(m, 'inviteMember')(fd({ email: 'new-person@example.test', role: 'agent' })))) as ActionOutcome;
      expect(r?.ok).toBe(true);
    },
    revokeInvitationAction: async (m) => refused(await asOwnerOfA(() => act(m, 'revokeInvitationAction')(w.b.invitationId))),
    changeMemberRole: async (m) => refused(await asOwnerOfA(() => act(m, 'changeMemberRole')(w.b.users.Bea!.id, 'admin'))),
    removeMemberAction: async (m) => refused(await asOwnerOfA(() => act(m, 'removeMemberAction')(w.b.users.Bea!.id))),
    setMemberSkillsAction: async (m) => refused(await asOwnerOfA(() => act(m, 'setMemberSkillsAction')(w.b.users.Bea!.id, 'de'))),
    createTeamAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'createTeamAction')(fd({ name: 'A only' })))) as ActionOutcome)?.ok).toBe(true),
    renameTeamAction: async (m) => refused(await asOwnerOfA(() => act(m, 'renameTeamAction')(fd({ teamId: w.b.teams.Sales!, name: 'Pwned' })))),
    deleteTeamAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteTeamAction')(w.b.teams.Sales))),
    addTeamMemberAction: async (m) => {
      refused(await asOwnerOfA(() => act(m, 'addTeamMemberAction')(w.b.teams.Sales, w.a.users.Agent!.id)));
      refused(await asOwnerOfA(() => act(m, 'addTeamMemberAction')(w.a.teams.Front, w.b.users.Bea!.id)));
    },
    removeTeamMemberAction: async (m) => refused(await asOwnerOfA(() => act(m, 'removeTeamMemberAction')(w.b.teams.Sales, w.b.users.Bea!.id))),
    // Only the caller's own workspace can be meant: B's default stays as it was.
    setWorkspaceCapacityAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'setWorkspaceCapacityAction')(fd({ defaultMaxOpen: '500' })))) as ActionOutcome)?.ok).toBe(true),
    setTeamCapacityAction: async (m) => refused(await asOwnerOfA(() => act(m, 'setTeamCapacityAction')(fd({ teamId: w.b.teams.Sales!, maxOpen: '1' })))),
    setMemberCapacityAction: async (m) => refused(await asOwnerOfA(() => act(m, 'setMemberCapacityAction')(fd({ userId: w.b.users.Bea!.id, capacity: '1' })))),
    setWorkspaceAwayHandOnAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'setWorkspaceAwayHandOnAction')('leave'))) as ActionOutcome)?.ok).toBe(true),
    setTeamAwayHandOnAction: async (m) => refused(await asOwnerOfA(() => act(m, 'setTeamAwayHandOnAction')(w.b.teams.Sales!, 'return_to_team'))),
    setQueueAlertAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'setQueueAlertAction')(fd({ queueAlertMinutes: '' })))) as ActionOutcome)?.ok).toBe(true),
  },
  'app/(app)/settings/actions.ts': {
    renameWorkspaceAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'renameWorkspaceAction')(fd({ name: 'A renamed' })))) as ActionOutcome)?.ok).toBe(true),
    createApiKeyAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'createApiKeyAction')(fd({ name: 'A key 2', scopes: 'conversations:read' })))) as ActionOutcome)?.ok).toBe(true),
    revokeApiKeyAction: async (m) => refused(await asOwnerOfA(() => act(m, 'revokeApiKeyAction')(w.b.apiKeyId))),
  },
  'app/(app)/settings/channels/actions.ts': {
    // Creating is always in the member's own workspace; the rest name B's channel.
    createChannelAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'createChannelAction')(fd({ name: 'A channel', outboundUrl: '' })))) as ActionOutcome)?.ok).toBe(true),
    updateChannelAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'updateChannelAction')(fd({ channelId: w.b.channelId, name: 'Pwned', outboundUrl: 'http://127.0.0.1:9/x' })))),
    revealSecretAction: async (m) => refused(await asOwnerOfA(() => act(m, 'revealSecretAction')(w.b.channelId))),
    rotateSecretAction: async (m) => refused(await asOwnerOfA(() => act(m, 'rotateSecretAction')(w.b.channelId))),
    rotateOutboundSecretAction: async (m) => refused(await asOwnerOfA(() => act(m, 'rotateOutboundSecretAction')(w.b.channelId))),
    sendTestAction: async (m) => refused(await asOwnerOfA(() => act(m, 'sendTestAction')(w.b.channelId))),
  },
  'app/(app)/settings/webhooks/actions.ts': {
    // Creating is always in the member's own workspace; the rest name B's subscription or delivery.
    createWebhookAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'createWebhookAction')(fd({ name: 'A hook', url: 'https://hooks.example.test/a', events: 'run.failed' })))) as ActionOutcome)?.ok).toBe(true),
    updateWebhookAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'updateWebhookAction')(fd({ subscriptionId: w.b.webhookId, name: 'Pwned', url: 'http://127.0.0.1:9/x', events: 'message.created', active: 'true' })))),
    deleteWebhookAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteWebhookAction')(w.b.webhookId))),
    rotateWebhookSecretAction: async (m) => refused(await asOwnerOfA(() => act(m, 'rotateWebhookSecretAction')(w.b.webhookId))),
    resendWebhookDeliveryAction: async (m) => refused(await asOwnerOfA(() => act(m, 'resendWebhookDeliveryAction')(w.b.webhookDeliveryId))),
  },
  'app/(app)/settings/secrets/actions.ts': {
    // By name, always in the member's own workspace: B's secret of the same name stays.
    setSecretAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'setSecretAction')(fd({ name: 'A_TOKEN', value: 'a-value' })))) as ActionOutcome)?.ok).toBe(true),
    deleteSecretAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteSecretAction')(w.b.secretName))),
  },
  'app/(app)/inbox/actions.ts': {
    // Lists are of the member's workspace: none of B's ids may appear, whatever the filter.
    loadInboxAction: async (m) => {
      for (const query of [{ view: 'all' }, { view: 'all', channelId: w.b.channelId }, { view: 'all', teamId: w.b.teams.Sales }, { view: 'all', assigneeId: w.b.users.Bea!.id }]) {
        const r = await asOwnerOfA(() => act(m, 'loadInboxAction')(query));
        for (const bid of bIds()) expect(JSON.stringify(r)).not.toContain(bid);
      }
    },
    loadMoreAction: async (m) => {
      const r = await asOwnerOfA(() => act(m, 'loadMoreAction')({ view: 'all', q: 'B secret' }));
      expect(JSON.stringify(r)).not.toContain('B secret text');
    },
    loadConversationAction: async (m) => refused(await asOwnerOfA(() => act(m, 'loadConversationAction')(w.b.conversationId))),
    loadEarlierAction: async (m) => refused(await asOwnerOfA(() => act(m, 'loadEarlierAction')(w.b.conversationId, new Date().toISOString()))),
    replyAction: async (m) => refused(await asOwnerOfA(() => act(m, 'replyAction')(w.b.conversationId, 'hi from A'))),
    commentAction: async (m) => refused(await asOwnerOfA(() => act(m, 'commentAction')(w.b.conversationId, 'note', []))),
    assignAction: async (m) => refused(await asOwnerOfA(() => act(m, 'assignAction')(w.b.conversationId, w.a.users.Agent!.id, null))),
    closeAction: async (m) => refused(await asOwnerOfA(() => act(m, 'closeAction')(w.b.conversationId))),
    reopenAction: async (m) => refused(await asOwnerOfA(() => act(m, 'reopenAction')(w.b.conversationId))),
    heartbeatAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'heartbeatAction')())) as ActionOutcome)?.ok).toBe(true),
    updateContactAction: async (m) => refused(await asOwnerOfA(() => act(m, 'updateContactAction')(w.b.conversationId, { priority: 'urgent', addTags: ['vip'] }))),
    runWorkflowAction: async (m) => refused(await asOwnerOfA(() => act(m, 'runWorkflowAction')(w.b.conversationId, w.b.workflowId))),
  },
  'app/(app)/settings/business-hours/actions.ts': {
    // The zone and the default schedule are the member's own workspace's; a team id of B's is
    // not found, and deleting B's team schedule deletes nothing (B's digest below).
    saveWorkspaceTimeZoneAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'saveWorkspaceTimeZoneAction')(fd({ timeZone: 'Europe/Paris' })))) as ActionOutcome)?.ok).toBe(true),
    saveScheduleAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'saveScheduleAction')({ teamId: w.b.teams.Sales, timeZone: null, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] }))),
    deleteScheduleAction: async (m) => {
      await asOwnerOfA(() => act(m, 'deleteScheduleAction')(w.b.teams.Sales));
    },
    saveMyTimeZoneAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'saveMyTimeZoneAction')(fd({ timeZone: 'Europe/Paris' })))) as ActionOutcome)?.ok).toBe(true),
  },
  'app/(app)/settings/sla/actions.ts': {
    // Creating is in A (a valid policy, so it really writes: B's digest shows it landed in A);
    // B's policy id is not found for A's update, move and delete.
    createSlaPolicyAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'createSlaPolicyAction')(fd({ name: 'A only', firstResponseMinutes: '10', warningPercent: '80', hours: 'calendar' })))) as ActionOutcome)?.ok).toBe(true),
    updateSlaPolicyAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'updateSlaPolicyAction')(w.b.slaPolicyId, fd({ name: 'stolen', firstResponseMinutes: '1', warningPercent: '50', hours: 'calendar' })))),
    moveSlaPolicyAction: async (m) => refused(await asOwnerOfA(() => act(m, 'moveSlaPolicyAction')(w.b.slaPolicyId, 'down'))),
    deleteSlaPolicyAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteSlaPolicyAction')(w.b.slaPolicyId))),
  },
  'app/(app)/settings/contacts/actions.ts': {
    // Creating is in the member's own workspace; deleting names B's definitions (A has none).
    createContactFieldAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'createContactFieldAction')(fd({ key: 'a_only', label: 'A only', type: 'text' })))) as ActionOutcome)?.ok).toBe(true),
    deleteContactFieldAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteContactFieldAction')('plan'))),
    createTagAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'createTagAction')(fd({ name: 'a-only' })))) as ActionOutcome)?.ok).toBe(true),
    deleteTagAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteTagAction')('vip'))),
  },
  'app/(app)/settings/canned-replies/actions.ts': {
    // Creating is in the member's own workspace (the same shortcut as B's is no conflict); editing and deleting name B's reply.
    createCannedReplyAction: async (m) =>
      expect(((await asOwnerOfA(() => act(m, 'createCannedReplyAction')(fd({ name: 'A greeting', shortcut: 'hello', body: 'Hi' })))) as ActionOutcome)?.ok).toBe(true),
    updateCannedReplyAction: async (m) =>
      refused(await asOwnerOfA(() => act(m, 'updateCannedReplyAction')(fd({ id: w.b.cannedReplyId, name: 'Taken', shortcut: 'taken', body: 'A wrote this' })))),
    deleteCannedReplyAction: async (m) => refused(await asOwnerOfA(() => act(m, 'deleteCannedReplyAction')(w.b.cannedReplyId))),
  },
  'app/(app)/session-actions.ts': {
    // Takes no id: it can only end the caller's own sessions (B stays as it was: digest below).
    signOutEverywhereAction: async (m) => expect(((await asOwnerOfA(() => act(m, 'signOutEverywhereAction')())) as ActionOutcome)?.ok).toBe(true),
  },
  'app/(app)/notification-actions.ts': {
    // Takes ids but matches them only among the caller's own in their workspace (the db
    // notifications.int.test.ts shows another's ids change nothing).
    markMyNotificationsRead: async (m) => expect(((await asOwnerOfA(() => act(m, 'markMyNotificationsRead')({ all: true }))) as ActionOutcome)?.ok).toBe(true),
  },
  'app/(app)/shell-actions.ts': {
    switchWorkspace: async (m) => refused(await asOwnerOfA(() => act(m, 'switchWorkspace')(w.b.workspaceId))),
    setMyAvailability: async (m) => expect(((await asOwnerOfA(() => act(m, 'setMyAvailability')('away'))) as ActionOutcome)?.ok).toBe(true),
  },
};

describe('tenant isolation: server actions', () => {
  it('the action table covers every exported server action', async () => {
    const missing: string[] = [];
    for (const file of serverActionFiles()) {
      const mod = await importWeb(file);
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function' && !ACTIONS[file]?.[name]) missing.push(`${file}#${name}`);
      }
    }
    expect(missing, 'add these to ACTIONS in tenant-isolation.int.test.ts').toEqual([]);
  });

  for (const [file, actions] of Object.entries(ACTIONS)) {
    for (const [name, run] of Object.entries(actions)) {
      it(`${file}#${name}: A's owner (cookie forged to B) cannot touch B`, async () => run((await importWeb(file)) as never));
    }
  }

  it('B is unchanged after every action was called by A’s owner', async () => {
    expect(await workspaceDigest(handle, w.b.workspaceId)).toEqual(before);
  });
});

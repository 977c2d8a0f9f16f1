// Property-based bad input against the real route handlers and Postgres: whatever body a
// client sends, the API answers with a JSON error (4xx, code + message) or a success, never
// a 500, and a 4xx writes nothing. validateDefinition never throws on any value.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reassignIfNoReply, validateDefinition } from '@baton/engine';
import { createApiKey, createWorkflow, receiveInboundMessage, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { importWeb } from './discover-endpoints';

const handle = testDatabase();
let ws: TestWorkspace;
let key: string;
let validDefinition: Record<string, unknown>;
let workflowId: string;
let conversationId: string;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }, { name: 'Cy' }], teams: { Sales: ['Al'], Support: ['Cy'] } });
  const t = tenant(handle.db, ws.workspaceId);
  key = (await createApiKey(t, { name: 'fuzz', createdBy: null })).plaintext;
  validDefinition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 1, unit: 'minutes' } }) as unknown as Record<string, unknown>;
  workflowId = (await createWorkflow(t, { name: 'Fuzz target', definition: validDefinition as never }, null)).id;
  conversationId = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'fuzz' }, text: 'hi' })).conversationId;
});
afterAll(() => handle.close());

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(file: string, method: string, params: Record<string, string>, body: string) {
  const mod = await importWeb(file);
  const res = await (mod[method] as Handler)(
    new Request('http://baton.test/api/v1/fuzz', { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : body }),
    { params: Promise.resolve(params) },
  );
  const text = await res.text();
  let json: { error?: { code?: unknown; message?: unknown } } | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* asserted below */
  }
  return { status: res.status, json, text };
}

/** Rows of this workspace in the tables a create/update/inbound could write. */
async function fingerprint() {
  const r = await handle.pool.query(
    `select (select md5(coalesce(string_agg(to_jsonb(w)::text, '|' order by id), '')) from workflows w where workspace_id = $1) as workflows,
            (select count(*) from workflow_versions where workspace_id = $1) as versions,
            (select count(*) from messages where workspace_id = $1) as messages,
            (select count(*) from conversations where workspace_id = $1) as conversations,
            (select count(*) from contacts where workspace_id = $1) as contacts,
            (select count(*) from outbox_events where workspace_id = $1) as outbox,
            (select md5(coalesce(string_agg(to_jsonb(m)::text, '|' order by id), '')) from memberships m where workspace_id = $1) as memberships`,
    [ws.workspaceId],
  );
  return r.rows[0];
}

function expectClientError(r: { status: number; json: { error?: { code?: unknown; message?: unknown } } | null; text: string }) {
  expect(r.status, r.text).toBeLessThan(500);
  if (r.status >= 400) {
    expect(typeof r.json?.error?.code, r.text).toBe('string');
    expect(typeof r.json?.error?.message, r.text).toBe('string');
    expect((r.json!.error!.message as string).length).toBeGreaterThan(3);
  }
}

// ── generators ──
const DELETE = Symbol('delete');
/** Every path into a JSON value, so a mutation can land anywhere in a definition. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
function mutate(value: unknown, at: (string | number)[], to: unknown): unknown {
  if (at.length === 0) return to === DELETE ? undefined : to;
  const [head, ...rest] = at;
  const copy: Record<string | number, unknown> = Array.isArray(value) ? [...value] as never : { ...(value as object) };
  const next = mutate(copy[head!], rest, to);
  if (next === undefined && rest.length === 0) delete copy[head!];
  else copy[head!] = next;
  return copy;
}
const nasty = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x'.repeat(20_000), -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '__proto__', 'constructor', [], {}, null, true),
);
const mutatedDefinition = () =>
  fc.array(fc.tuple(fc.nat(), fc.oneof(nasty, fc.constant(DELETE))), { minLength: 1, maxLength: 4 }).map((edits) => {
    let def: unknown = validDefinition;
    for (const [n, to] of edits) {
      const all = paths(def);
      def = mutate(def, all[n % all.length]!, to);
    }
    return def;
  });
const jsonBody = (inner: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 5, arbitrary: inner.map((v) => JSON.stringify(v) ?? '') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '[1,', '"unterminated', 'null', '0', '{"a":1}{', '\u0000') },
  );

describe('validateDefinition', () => {
  it('never throws, and returns problems with messages, for any value or mutated definition', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, mutatedDefinition()), (def) => {
        const problems = validateDefinition(def);
        expect(Array.isArray(problems)).toBe(true);
        for (const p of problems) expect(typeof p.message).toBe('string');
      }),
      { numRuns: RUNS * 5 },
    );
  });
});

describe('API bodies: 4xx with a message, never 500, nothing written on 4xx', () => {
  it('POST /workflows', async () => {
    const bodies = fc.oneof(
      fc.record({ name: fc.oneof(fc.string(), nasty), definition: mutatedDefinition() }, { requiredKeys: [] }),
      fc.record({ name: fc.constant('ok name'), definition: mutatedDefinition(), description: nasty }, { requiredKeys: ['name'] }),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const before = await fingerprint();
        const r = await call('app/api/v1/workflows/route.ts', 'POST', {}, body);
        expectClientError(r);
        if (r.status >= 400) expect(await fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('PUT /workflows/{id}, then publish: the draft is saved or refused whole; publish is 200 or 4xx', async () => {
    const bodies = fc.oneof(fc.record({ definition: mutatedDefinition() }), fc.record({ name: nasty, description: nasty, definition: nasty }, { requiredKeys: [] }), nasty);
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const before = await fingerprint();
        const r = await call('app/api/v1/workflows/[id]/route.ts', 'PUT', { id: workflowId }, body);
        expectClientError(r);
        if (r.status >= 400) expect(await fingerprint()).toEqual(before);
        const beforePublish = await fingerprint();
        const p = await call('app/api/v1/workflows/[id]/publish/route.ts', 'POST', { id: workflowId }, '');
        expectClientError(p);
        if (p.status >= 400) expect(await fingerprint()).toEqual(beforePublish);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /channels/{id}/messages (inbound, API key)', async () => {
    const bodies = fc.oneof(
      fc.record({ contact: fc.oneof(fc.record({ externalId: fc.oneof(fc.string(), nasty), name: nasty, email: fc.oneof(fc.emailAddress(), nasty) }, { requiredKeys: [] }), nasty), text: fc.oneof(fc.string(), nasty), externalId: nasty }, { requiredKeys: [] }),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const before = await fingerprint();
        const r = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: ws.channelId }, body);
        expectClientError(r);
        if (r.status >= 400) expect(await fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /conversations/{id}/messages (reply)', async () => {
    const bodies = fc.oneof(fc.record({ userId: fc.oneof(fc.uuid(), fc.constant(ws.users.Al!.id), nasty), text: fc.oneof(fc.string(), nasty) }, { requiredKeys: [] }), nasty);
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const before = await fingerprint();
        const r = await call('app/api/v1/conversations/[id]/messages/route.ts', 'POST', { id: conversationId }, body);
        expectClientError(r);
        if (r.status >= 400) expect(await fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('PUT /users/{id}/availability', async () => {
    const bodies = fc.oneof(fc.record({ availability: fc.oneof(fc.constantFrom('online', 'away', 'offline', 'ONLINE', ''), nasty) }, { requiredKeys: [] }), nasty);
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const before = await fingerprint();
        const r = await call('app/api/v1/users/[id]/availability/route.ts', 'PUT', { id: ws.users.Al!.id }, body);
        expectClientError(r);
        if (r.status >= 400) expect(await fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /workflows/{id}/runs (manual start)', async () => {
    const bodies = fc.oneof(fc.record({ conversationId: fc.oneof(fc.uuid(), fc.constant(conversationId), nasty) }, { requiredKeys: [] }), nasty);
    await fc.assert(
      fc.asyncProperty(jsonBody(bodies), async (body) => {
        const r = await call('app/api/v1/workflows/[id]/runs/route.ts', 'POST', { id: workflowId }, body);
        expectClientError(r);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('any path id on every id route: 404, never 500', async () => {
    const routes: [string, string][] = [
      ['app/api/v1/workflows/[id]/route.ts', 'GET'],
      ['app/api/v1/workflows/[id]/runs/route.ts', 'GET'],
      ['app/api/v1/runs/[id]/route.ts', 'GET'],
      ['app/api/v1/conversations/[id]/route.ts', 'GET'],
      ['app/api/v1/conversations/[id]/close/route.ts', 'POST'],
      ['app/api/v1/conversations/[id]/messages/route.ts', 'GET'],
      ['app/api/v1/conversations/[id]/events/route.ts', 'GET'],
      ['app/api/v1/workflows/[id]/publish/route.ts', 'POST'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.uuid(), fc.constantFrom('', '..', '%00', "1' or '1'='1")), fc.constantFrom(...routes), async (id, [file, method]) => {
        const r = await call(file, method, { id }, '');
        expect(r.status, `${method} ${file} ${JSON.stringify(id)}: ${r.text}`).toBe(404);
      }),
      { numRuns: RUNS },
    );
  });

  it('a fresh, unknown workspace id never appears: sanity of the fixture', () => {
    expect(ws.workspaceId).not.toBe(randomUUID());
  });
});

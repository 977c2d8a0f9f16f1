// Issue 18, bad input: an HTTP request step whose host *name* resolves to a private, loopback
// or reserved address is refused at publish in production, with the reason on the step's URL,
// and nothing is published. The resolver is the outbound guard's injection point (as in
// outbound-destination.test.ts): a name under our control cannot be made to resolve to 10.x
// from the public DNS inside a test.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { workflows, workflowVersions } from '../schema';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import type { Resolver } from '../channels/outbound-lookup';

const handle = testDatabase();
afterAll(() => handle.close());

const production = {} as NodeJS.ProcessEnv;
const dns: Record<string, string[]> = {
  'crm.internal.example': ['10.0.0.7'],
  'rebind.example': ['93.184.216.34', '127.0.0.1'],
  'api.example.com': ['93.184.216.34'],
};
const resolver: Resolver = async (host) => {
  const addresses = dns[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const definition = (url: string) => ({
  schemaVersion: 1,
  trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
  steps: [{ id: 'lookup', type: 'http_request', config: { method: 'GET', url, headers: [], timeoutMs: 5000, saveAs: 'crm', fields: [] } }],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'lookup' }],
});

async function draft(url: string) {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }] });
  const t = tenant(handle.db, ws.workspaceId);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { id } = await createWorkflow(t, { name: 'Lookup', definition: definition(url) as any }, ws.users.Admin!.id);
  const state = async () => ({
    status: (await t.db.select({ s: workflows.status }).from(workflows).where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.id, id))))[0]!.s,
    versions: (await t.db.select().from(workflowVersions).where(and(eq(workflowVersions.workspaceId, t.workspaceId), eq(workflowVersions.workflowId, id)))).length,
  });
  return { t, id, userId: ws.users.Admin!.id, state };
}

describe('HTTP request step: a host name resolving to a private address', () => {
  it('is refused at publish in production with the reason on the step, and nothing is published', async () => {
    for (const host of ['crm.internal.example', 'rebind.example']) {
      const w = await draft(`https://${host}/accounts?name={{contact.name}}`);
      const error = await publishWorkflow(w.t, w.id, w.userId, { env: production, resolver }).then(() => null, (e: unknown) => e);
      expect(error, host).toMatchObject({
        code: 'invalid',
        details: {
          problems: [
            {
              stepId: 'lookup',
              field: 'config.url',
              code: 'blocked_destination',
              message: `The request goes to ${host}, which resolves to a private, loopback or reserved address: Baton only calls public addresses.`,
            },
          ],
        },
      });
      expect(await w.state()).toEqual({ status: 'draft', versions: 0 });
    }
  });

  it('publishes a public name, a name that does not resolve now (checked when called), and anything when private outbound is allowed', async () => {
    for (const [url, env] of [
      ['https://api.example.com/x', production],
      ['https://nowhere.example/x', production],
      ['https://crm.internal.example/x', { BATON_ALLOW_PRIVATE_OUTBOUND: '1' } as NodeJS.ProcessEnv],
    ] as const) {
      const w = await draft(url);
      await expect(publishWorkflow(w.t, w.id, w.userId, { env, resolver }), url).resolves.toMatchObject({ version: 1 });
      expect(await w.state()).toEqual({ status: 'published', versions: 1 });
    }
  });

  it('a resolver that hangs does not hold publishing past the timeout', async () => {
    const w = await draft('https://slow.example/x');
    const hanging: Resolver = () => new Promise(() => {});
    const started = Date.now();
    await expect(publishWorkflow(w.t, w.id, w.userId, { env: production, resolver: hanging })).resolves.toMatchObject({ version: 1 });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import * as s from '../schema';
import { tenant } from '../tenancy/tenant';
import { createApiKey, MAX_API_KEYS_PER_WORKSPACE } from './create-api-key';
import { DomainError } from '../tenancy/errors';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { authenticateApiKey } from './authenticate-api-key';
import { sha256Hex } from './token-hash';

const handle = testDatabase();
afterAll(() => handle.close());

async function setup() {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }] });
  return { t: tenant(handle.db, ws.workspaceId), adminId: ws.users.Admin!.id };
}

describe('API keys', () => {
  it('the plaintext is returned once; at rest there is only a prefix and a sha256', async () => {
    const { t, adminId } = await setup();
    const key = await createApiKey(t, { name: 'Zapier', createdBy: adminId });
    expect(key.plaintext).toMatch(/^bk_live_[A-Za-z0-9_-]{40,}$/);
    expect(key.plaintext.startsWith(key.prefix)).toBe(true);
    const [row] = await handle.db.select().from(s.apiKeys).where(eq(s.apiKeys.id, key.id));
    expect(row!.keyHash).toBe(sha256Hex(key.plaintext));
    expect(JSON.stringify(row)).not.toContain(key.plaintext);
    const listed = await listApiKeys(t);
    expect(listed).toEqual([expect.objectContaining({ id: key.id, name: 'Zapier', prefix: key.prefix, createdByName: 'Admin' })]);
    expect(JSON.stringify(listed)).not.toContain(row!.keyHash);
  });

  it('authenticates to its workspace, and not at all once revoked', async () => {
    const { t, adminId } = await setup();
    const key = await createApiKey(t, { name: 'CRM', createdBy: adminId });
    expect(await authenticateApiKey(handle.db, key.plaintext)).toMatchObject({ workspaceId: t.workspaceId, apiKeyId: key.id });
    expect(await authenticateApiKey(handle.db, key.plaintext + 'x')).toBeNull();
    expect(await authenticateApiKey(handle.db, 'not-a-key')).toBeNull();
    await revokeApiKey(t, key.id);
    expect(await authenticateApiKey(handle.db, key.plaintext)).toBeNull();
    expect((await listApiKeys(t))[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it('last_used_at is written at most once a minute', async () => {
    const { t, adminId } = await setup();
    const key = await createApiKey(t, { name: 'Busy', createdBy: adminId });
    await authenticateApiKey(handle.db, key.plaintext);
    const first = (await listApiKeys(t))[0]!.lastUsedAt!;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(handle.db, key.plaintext);
    expect((await listApiKeys(t))[0]!.lastUsedAt!.getTime()).toBe(first.getTime());
    await handle.db
      .update(s.apiKeys)
      .set({ lastUsedAt: sql`now() - interval '2 minutes'` })
      .where(eq(s.apiKeys.id, key.id));
    await authenticateApiKey(handle.db, key.plaintext);
    expect((await listApiKeys(t))[0]!.lastUsedAt!.getTime()).toBeGreaterThan(first.getTime() - 1);
  });

  it(`caps a workspace at ${MAX_API_KEYS_PER_WORKSPACE} live keys, even when created concurrently; revoking frees a slot`, async () => {
    const { t, adminId } = await setup();
    const made = await Promise.allSettled(Array.from({ length: MAX_API_KEYS_PER_WORKSPACE + 3 }, (_, i) => createApiKey(t, { name: `k${i}`, createdBy: adminId })));
    const refused = made.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as DomainError);
    expect(made.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_API_KEYS_PER_WORKSPACE);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toBeInstanceOf(DomainError);
    expect(refused[0]!.message).toMatch(/revoke one/);
    expect(refused[0]!.details).toEqual({ field: 'name' });
    const first = made.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }>;
    await revokeApiKey(t, first.value.id);
    await expect(createApiKey(t, { name: 'after revoke', createdBy: adminId })).resolves.toMatchObject({ name: 'after revoke' });
  });
});

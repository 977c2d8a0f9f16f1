import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { API_KEY_CACHE_TTL_MS, API_KEY_MISS_TTL_MS, authenticateApiKeyCached, cachedApiKey, forgetApiKey, hashApiKey } from './api-key-cache';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('API key cache', () => {
  it('trusts a key for the TTL, forgets it when revoked here, and re-checks after the TTL', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const key = await createApiKey(t, { name: 'cache test', createdBy: null });
    const now = Date.now();
    expect(await authenticateApiKeyCached(handle.db, key.plaintext, now)).toMatchObject({ apiKeyId: key.id, workspaceId: ws.workspaceId });

    await revokeApiKey(t, key.id);
    // Revoked by another process: accepted here until the TTL runs out, never longer.
    expect(await authenticateApiKeyCached(handle.db, key.plaintext, now + 1)).not.toBeNull();
    expect(await authenticateApiKeyCached(handle.db, key.plaintext, now + API_KEY_CACHE_TTL_MS + 1)).toBeNull();

    const other = await createApiKey(t, { name: 'second', createdBy: null });
    expect(await authenticateApiKeyCached(handle.db, other.plaintext, now)).not.toBeNull();
    await revokeApiKey(t, other.id);
    // Revoked through this process (the settings action calls forgetApiKey): refused at once.
    forgetApiKey(other.id);
    expect(await authenticateApiKeyCached(handle.db, other.plaintext, now + 1)).toBeNull();
  });

  it('remembers an unknown key for the miss TTL: no query per repeat (security review #8)', async () => {
    const now = Date.now();
    const unknown = `bk_live_nope_${now}`;
    expect(await authenticateApiKeyCached(handle.db, unknown, now)).toBeNull();
    expect(cachedApiKey(hashApiKey(unknown), now + 1)).toBe('miss');
    expect(cachedApiKey(hashApiKey(unknown), now + API_KEY_MISS_TTL_MS - 1)).toBe('miss');
    expect(cachedApiKey(hashApiKey(unknown), now + API_KEY_MISS_TTL_MS + 1)).toBeUndefined();
  });
});

// What migrateDatabase does after the SQL: channels made before deliveries had their own secret
// keep signing with the one their receiver verifies until an admin rotates (never overwritten),
// and secrets sealed with a previous key are re-sealed with the current one.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../schema';
import { createTestWorkspace, testDatabase } from '../testing';
import { backfillOutboundSecrets } from './backfill-outbound-secrets';
import { channelsSigningWithInboundSecret, rotateOutboundSecret } from './manage-channels';
import { tenant } from '../tenancy/tenant';
import { reencryptChannelSecrets } from './reencrypt-channel-secrets';
import { decryptSecret, encryptSecret } from './secret-box';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('outbound secret backfill', () => {
  it('lets a channel without an outbound secret keep signing with the secret its receiver verifies, flags it, and a rotation separates them', async () => {
    const old = await createTestWorkspace(handle.db, { members: [] });
    const kept = await createTestWorkspace(handle.db, { members: [] });
    await handle.db.update(channels).set({ outboundSecretEncrypted: null }).where(eq(channels.id, old.channelId));
    const keptBefore = (await handle.db.select().from(channels).where(eq(channels.id, kept.channelId)))[0]!.outboundSecretEncrypted;

    expect(await backfillOutboundSecrets(handle.db)).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db.select().from(channels).where(eq(channels.id, old.channelId));
    // The upgrade breaks no receiver: deliveries are still signed with the secret it already has.
    expect(decryptSecret(row!.outboundSecretEncrypted!)).toBe(old.channelSecret);
    expect((await handle.db.select().from(channels).where(eq(channels.id, kept.channelId)))[0]!.outboundSecretEncrypted).toBe(keptBefore);
    expect(await backfillOutboundSecrets(handle.db)).toBe(0);

    // ...and the settings page asks for a rotation, which gives deliveries their own secret.
    const oldTenant = tenant(handle.db, old.workspaceId);
    expect(await channelsSigningWithInboundSecret(oldTenant)).toEqual(new Set([old.channelId]));
    expect(await channelsSigningWithInboundSecret(tenant(handle.db, kept.workspaceId))).toEqual(new Set());
    const { outboundSecret } = await rotateOutboundSecret(oldTenant, old.channelId);
    expect(outboundSecret).not.toBe(old.channelSecret);
    expect(await channelsSigningWithInboundSecret(oldTenant)).toEqual(new Set());
  });
});

describe('re-encryption after a key change', () => {
  it('re-seals secrets an old key encrypted, so the old key can be dropped', async () => {
    const saved = { key: process.env.BATON_SECRET_KEY, previous: process.env.BATON_SECRET_KEY_PREVIOUS };
    const oldKey = 'old-key-'.repeat(5);
    const newKey = 'new-key-'.repeat(5);
    try {
      const ws = await createTestWorkspace(handle.db, { members: [] });
      process.env.BATON_SECRET_KEY = oldKey;
      await handle.db
        .update(channels)
        .set({ inboundSecretEncrypted: encryptSecret('whsec_old_in'), outboundSecretEncrypted: encryptSecret('whsec_old_out') })
        .where(eq(channels.id, ws.channelId));
      process.env.BATON_SECRET_KEY = newKey;
      process.env.BATON_SECRET_KEY_PREVIOUS = oldKey;
      // Only this channel: other test files share the database and seal with the default key.
      expect(await reencryptChannelSecrets(handle.db, { channelIds: [ws.channelId] })).toEqual({ resealed: 1, fromPublishedKey: 0 });
      delete process.env.BATON_SECRET_KEY_PREVIOUS;
      const [row] = await handle.db.select().from(channels).where(eq(channels.id, ws.channelId));
      expect(decryptSecret(row!.inboundSecretEncrypted)).toBe('whsec_old_in');

      // Data sealed under a published default (compose's old one) is re-sealed too, and counted.
      process.env.BATON_SECRET_KEY = 'change-me-in-production';
      await handle.db.update(channels).set({ outboundSecretEncrypted: encryptSecret('whsec_compose') }).where(eq(channels.id, ws.channelId));
      process.env.BATON_SECRET_KEY = newKey;
      expect(await reencryptChannelSecrets(handle.db, { channelIds: [ws.channelId] })).toEqual({ resealed: 1, fromPublishedKey: 1 });
      const [again] = await handle.db.select().from(channels).where(eq(channels.id, ws.channelId));
      expect(decryptSecret(again!.outboundSecretEncrypted!)).toBe('whsec_compose');
    } finally {
      if (saved.key === undefined) delete process.env.BATON_SECRET_KEY;
      else process.env.BATON_SECRET_KEY = saved.key;
      if (saved.previous === undefined) delete process.env.BATON_SECRET_KEY_PREVIOUS;
      else process.env.BATON_SECRET_KEY_PREVIOUS = saved.previous;
    }
  });
});

// What migrateDatabase does after the SQL: channels made before deliveries had their own secret
// get one (encrypted with the app key, different from the inbound secret, never overwritten),
// and secrets sealed with a previous key are re-sealed with the current one.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../schema';
import { createTestWorkspace, testDatabase } from '../testing';
import { backfillOutboundSecrets } from './backfill-outbound-secrets';
import { reencryptChannelSecrets } from './reencrypt-channel-secrets';
import { decryptSecret, encryptSecret } from './secret-box';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('outbound secret backfill', () => {
  it('gives a channel without an outbound secret its own, and leaves existing ones alone', async () => {
    const old = await createTestWorkspace(handle.db, { members: [] });
    const kept = await createTestWorkspace(handle.db, { members: [] });
    await handle.db.update(channels).set({ outboundSecretEncrypted: null }).where(eq(channels.id, old.channelId));
    const keptBefore = (await handle.db.select().from(channels).where(eq(channels.id, kept.channelId)))[0]!.outboundSecretEncrypted;

    expect(await backfillOutboundSecrets(handle.db)).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db.select().from(channels).where(eq(channels.id, old.channelId));
    const outbound = decryptSecret(row!.outboundSecretEncrypted!);
    expect(outbound).toMatch(/^whsec_/);
    expect(outbound).not.toBe(old.channelSecret);
    expect(row!.outboundSecretEncrypted).not.toContain(outbound);
    expect((await handle.db.select().from(channels).where(eq(channels.id, kept.channelId)))[0]!.outboundSecretEncrypted).toBe(keptBefore);
    expect(await backfillOutboundSecrets(handle.db)).toBe(0);
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

// Channels made before deliveries had their own secret get one from migrateDatabase: encrypted
// with the app key, different from the inbound secret, and never overwritten once set.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../schema';
import { createTestWorkspace, testDatabase } from '../testing';
import { backfillOutboundSecrets } from './backfill-outbound-secrets';
import { decryptSecret } from './secret-box';

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

import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { channels } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { decryptSecret, encryptSecret } from './secret-box';

export const channelInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the channel a name').max(100),
  // Only http(s): anything else (file:, gopher:) has no business in a webhook URL.
  outboundUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Enter an http:// or https:// URL')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null),
});
export type ChannelInput = z.input<typeof channelInputSchema>;

export function newChannelSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export async function listChannels(t: Tenant) {
  return t.db
    .select({ id: channels.id, name: channels.name, kind: channels.kind, outboundUrl: channels.outboundUrl, createdAt: channels.createdAt })
    .from(channels)
    .where(eq(channels.workspaceId, t.workspaceId))
    .orderBy(asc(channels.createdAt));
}
export type ChannelSummary = Awaited<ReturnType<typeof listChannels>>[number];

/**
 * Ids of the workspace's channels whose deliveries are still signed with their inbound secret:
 * channels from before separate outbound secrets keep it so the upgrade broke no receiver, and
 * the settings page asks for a rotation (whoever receives deliveries could forge inbound ones).
 */
export async function channelsSigningWithInboundSecret(t: Tenant): Promise<Set<string>> {
  const rows = await t.db
    .select({ id: channels.id, inbound: channels.inboundSecretEncrypted, outbound: channels.outboundSecretEncrypted })
    .from(channels)
    .where(eq(channels.workspaceId, t.workspaceId));
  return new Set(rows.filter((r) => r.outbound === null || decryptSecret(r.outbound) === decryptSecret(r.inbound)).map((r) => r.id));
}

/** Both secrets are returned once here; the outbound one is never shown again (rotate to get a new one). */
export async function createChannel(t: Tenant, raw: ChannelInput): Promise<{ id: string; secret: string; outboundSecret: string }> {
  const input = channelInputSchema.parse(raw);
  const secret = newChannelSecret();
  const outboundSecret = newChannelSecret();
  const [row] = await t.db
    .insert(channels)
    .values({
      workspaceId: t.workspaceId,
      name: input.name,
      outboundUrl: input.outboundUrl,
      inboundSecretEncrypted: encryptSecret(secret),
      outboundSecretEncrypted: encryptSecret(outboundSecret),
    })
    .returning({ id: channels.id });
  return { id: row!.id, secret, outboundSecret };
}

export async function updateChannel(t: Tenant, channelId: string, raw: ChannelInput): Promise<void> {
  const input = channelInputSchema.parse(raw);
  const rows = await t.db
    .update(channels)
    .set({ name: input.name, outboundUrl: input.outboundUrl })
    .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, channelId)))
    .returning({ id: channels.id });
  if (rows.length === 0) throw notFound('Channel');
}

/** The old inbound secret stops working at once: senders must switch to the new one. */
export async function rotateChannelSecret(t: Tenant, channelId: string): Promise<{ secret: string }> {
  const secret = newChannelSecret();
  const rows = await t.db
    .update(channels)
    .set({ inboundSecretEncrypted: encryptSecret(secret) })
    .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, channelId)))
    .returning({ id: channels.id });
  if (rows.length === 0) throw notFound('Channel');
  return { secret };
}

/**
 * A new outbound signing secret, shown to the admin once: the receiver of deliveries must
 * switch to it. Deliveries already queued are signed with the new one.
 */
export async function rotateOutboundSecret(t: Tenant, channelId: string): Promise<{ outboundSecret: string }> {
  const outboundSecret = newChannelSecret();
  const rows = await t.db
    .update(channels)
    .set({ outboundSecretEncrypted: encryptSecret(outboundSecret) })
    .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, channelId)))
    .returning({ id: channels.id });
  if (rows.length === 0) throw notFound('Channel');
  return { outboundSecret };
}

/** Secrets are encrypted, not hashed (HMAC needs them), so an admin can read one back. */
export async function revealChannelSecret(t: Tenant, channelId: string): Promise<string> {
  const [row] = await t.db
    .select({ sealed: channels.inboundSecretEncrypted })
    .from(channels)
    .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, channelId)));
  if (!row) throw notFound('Channel');
  return decryptSecret(row.sealed);
}

/** Where and with what a test delivery is signed; the outbound secret never leaves the server here. */
export async function findOutboundTarget(t: Tenant, channelId: string): Promise<{ url: string | null; secret: string | null }> {
  const [row] = await t.db
    .select({ url: channels.outboundUrl, sealed: channels.outboundSecretEncrypted })
    .from(channels)
    .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, channelId)));
  if (!row) throw notFound('Channel');
  return { url: row.url, secret: row.sealed ? decryptSecret(row.sealed) : null };
}

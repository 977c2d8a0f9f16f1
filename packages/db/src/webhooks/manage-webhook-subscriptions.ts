import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { webhookSubscriptions } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { encryptSecret } from '../channels/secret-box';
import { newChannelSecret } from '../channels/manage-channels';
import { checkOutboundDestination } from '../channels/outbound-destination';
import type { Resolver } from '../channels/outbound-lookup';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';

export const webhookSubscriptionInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the subscription a name').max(100),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'Enter an http:// or https:// URL'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event').max(WEBHOOK_EVENT_TYPES.length),
  active: z.boolean().default(true),
});
export type WebhookSubscriptionInput = z.input<typeof webhookSubscriptionInputSchema>;

type GuardOptions = { env?: NodeJS.ProcessEnv; resolver?: Resolver };

/**
 * The outbound address guard, answered at save time so the admin sees why (a private or
 * loopback address in production); the worker checks again at connect time (DNS rebinding).
 */
async function guardedUrl(url: string, opts: GuardOptions): Promise<string> {
  const check = await checkOutboundDestination(url, opts.env, opts.resolver);
  if (!check.ok) throw new DomainError('invalid', check.error, { field: 'url' });
  return url;
}

export async function listWebhookSubscriptions(t: Tenant) {
  return t.db
    .select({
      id: webhookSubscriptions.id,
      name: webhookSubscriptions.name,
      url: webhookSubscriptions.url,
      events: webhookSubscriptions.events,
      active: webhookSubscriptions.active,
      createdAt: webhookSubscriptions.createdAt,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.workspaceId, t.workspaceId))
    .orderBy(asc(webhookSubscriptions.createdAt));
}
export type WebhookSubscriptionSummary = Awaited<ReturnType<typeof listWebhookSubscriptions>>[number];

/** The signing secret is returned here once; it is stored encrypted and never shown again (rotate for a new one). */
export async function createWebhookSubscription(
  t: Tenant,
  raw: WebhookSubscriptionInput,
  createdByUserId: string | null,
  opts: GuardOptions = {},
): Promise<{ id: string; secret: string }> {
  const input = webhookSubscriptionInputSchema.parse(raw);
  const url = await guardedUrl(input.url, opts);
  const secret = newChannelSecret();
  const [row] = await t.db
    .insert(webhookSubscriptions)
    .values({
      workspaceId: t.workspaceId,
      name: input.name,
      url,
      events: [...new Set(input.events)],
      active: input.active,
      secretEncrypted: encryptSecret(secret),
      createdByUserId,
    })
    .returning({ id: webhookSubscriptions.id });
  return { id: row!.id, secret };
}

export async function updateWebhookSubscription(t: Tenant, id: string, raw: WebhookSubscriptionInput, opts: GuardOptions = {}): Promise<void> {
  const input = webhookSubscriptionInputSchema.parse(raw);
  const url = await guardedUrl(input.url, opts);
  const rows = await t.db
    .update(webhookSubscriptions)
    .set({ name: input.name, url, events: [...new Set(input.events)], active: input.active })
    .where(and(eq(webhookSubscriptions.workspaceId, t.workspaceId), eq(webhookSubscriptions.id, id)))
    .returning({ id: webhookSubscriptions.id });
  if (rows.length === 0) throw notFound('Webhook subscription');
}

/** Its deliveries (the log) go with it. */
export async function deleteWebhookSubscription(t: Tenant, id: string): Promise<void> {
  const rows = await t.db
    .delete(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, t.workspaceId), eq(webhookSubscriptions.id, id)))
    .returning({ id: webhookSubscriptions.id });
  if (rows.length === 0) throw notFound('Webhook subscription');
}

/** The old secret stops signing at once; deliveries still pending are signed with the new one. */
export async function rotateWebhookSecret(t: Tenant, id: string): Promise<{ secret: string }> {
  const secret = newChannelSecret();
  const rows = await t.db
    .update(webhookSubscriptions)
    .set({ secretEncrypted: encryptSecret(secret) })
    .where(and(eq(webhookSubscriptions.workspaceId, t.workspaceId), eq(webhookSubscriptions.id, id)))
    .returning({ id: webhookSubscriptions.id });
  if (rows.length === 0) throw notFound('Webhook subscription');
  return { secret };
}

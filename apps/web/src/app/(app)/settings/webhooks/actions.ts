'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookSubscription,
  webhookSubscriptionInputSchema,
} from '@baton/db';
import { fromError, invalid, ok, requireMember, type ActionResult } from '@/server/auth';

const PERMISSION = 'webhooks.manage';
const id = z.uuid();
const notFound = { ok: false as const, error: 'Webhook subscription not found' };

function formInput(formData: FormData) {
  // The edit form sends a hidden "false" before the checkbox's "true": checked when any is true.
  const active = formData.getAll('active').map(String);
  return webhookSubscriptionInputSchema.safeParse({
    name: formData.get('name') ?? '',
    url: formData.get('url') ?? '',
    events: formData.getAll('events').map(String),
    active: active.length === 0 || active.includes('true') || active.includes('on'),
  });
}

/** A new subscription. Its signing secret is returned here only (stored encrypted; rotate for a new one). */
export async function createWebhookAction(formData: FormData): Promise<ActionResult<{ id: string; secret: string }>> {
  const m = await requireMember(PERMISSION);
  const parsed = formInput(formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const created = await createWebhookSubscription(m.tenant, parsed.data, m.user.id);
    revalidatePath('/settings/webhooks');
    return ok(created);
  } catch (error) {
    return fromError(error);
  }
}

export async function updateWebhookAction(formData: FormData): Promise<ActionResult> {
  const m = await requireMember(PERMISSION);
  const subscriptionId = id.safeParse(formData.get('subscriptionId'));
  if (!subscriptionId.success) return notFound;
  const parsed = formInput(formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await updateWebhookSubscription(m.tenant, subscriptionId.data, parsed.data);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/webhooks');
  return ok();
}

export async function deleteWebhookAction(subscriptionId: string): Promise<ActionResult> {
  const m = await requireMember(PERMISSION);
  if (!id.safeParse(subscriptionId).success) return notFound;
  try {
    await deleteWebhookSubscription(m.tenant, subscriptionId);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/webhooks');
  return ok();
}

export async function rotateWebhookSecretAction(subscriptionId: string): Promise<ActionResult<{ secret: string }>> {
  const m = await requireMember(PERMISSION);
  if (!id.safeParse(subscriptionId).success) return notFound;
  try {
    return ok(await rotateWebhookSecret(m.tenant, subscriptionId));
  } catch (error) {
    return fromError(error);
  }
}

/** Puts one delivery of the log back in the worker's queue (same event id and delivery id). */
export async function resendWebhookDeliveryAction(deliveryId: string): Promise<ActionResult> {
  const m = await requireMember(PERMISSION);
  if (!id.safeParse(deliveryId).success) return { ok: false, error: 'Webhook delivery not found' };
  try {
    await resendWebhookDelivery(m.tenant, deliveryId);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/webhooks');
  return ok();
}

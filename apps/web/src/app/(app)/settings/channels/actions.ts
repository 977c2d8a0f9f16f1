'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  channelInputSchema,
  createChannel,
  findOutboundTarget,
  postSignedPayload,
  revealChannelSecret,
  rotateChannelSecret,
  rotateOutboundSecret,
  updateChannel,
} from '@baton/db';
import { fromError, invalid, ok, requireMember, type ActionResult } from '@/server/auth';

const id = z.uuid();
const notFound = { ok: false as const, error: 'Channel not found' };

function formInput(formData: FormData) {
  return channelInputSchema.safeParse({ name: formData.get('name') ?? '', outboundUrl: formData.get('outboundUrl') ?? '' });
}

/**
 * A new custom channel. Its inbound secret is returned here (and can be revealed later); its
 * outbound signing secret is returned only here and on rotation.
 */
export async function createChannelAction(formData: FormData): Promise<ActionResult<{ id: string; secret: string; outboundSecret: string }>> {
  const m = await requireMember('channels.manage');
  const parsed = formInput(formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const created = await createChannel(m.tenant, parsed.data);
    revalidatePath('/settings/channels');
    return ok(created);
  } catch (error) {
    return fromError(error);
  }
}

export async function updateChannelAction(formData: FormData): Promise<ActionResult> {
  const m = await requireMember('channels.manage');
  const channelId = id.safeParse(formData.get('channelId'));
  if (!channelId.success) return notFound;
  const parsed = formInput(formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await updateChannel(m.tenant, channelId.data, parsed.data);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/settings/channels');
  return ok();
}

export async function revealSecretAction(channelId: string): Promise<ActionResult<{ secret: string }>> {
  const m = await requireMember('channels.manage');
  if (!id.safeParse(channelId).success) return notFound;
  try {
    return ok({ secret: await revealChannelSecret(m.tenant, channelId) });
  } catch (error) {
    return fromError(error);
  }
}

export async function rotateSecretAction(channelId: string): Promise<ActionResult<{ secret: string }>> {
  const m = await requireMember('channels.manage');
  if (!id.safeParse(channelId).success) return notFound;
  try {
    return ok(await rotateChannelSecret(m.tenant, channelId));
  } catch (error) {
    return fromError(error);
  }
}

export async function rotateOutboundSecretAction(channelId: string): Promise<ActionResult<{ outboundSecret: string }>> {
  const m = await requireMember('channels.manage');
  if (!id.safeParse(channelId).success) return notFound;
  try {
    return ok(await rotateOutboundSecret(m.tenant, channelId));
  } catch (error) {
    return fromError(error);
  }
}

/**
 * Sends a signed test payload to the outbound URL now and reports the receiver's HTTP status,
 * or a category (refused, timed out) — never its body: the URL may point at an internal service.
 */
export async function sendTestAction(channelId: string): Promise<ActionResult<{ status: number }>> {
  const m = await requireMember('channels.manage');
  if (!id.safeParse(channelId).success) return notFound;
  let target: Awaited<ReturnType<typeof findOutboundTarget>>;
  try {
    target = await findOutboundTarget(m.tenant, channelId);
  } catch (error) {
    return fromError(error);
  }
  if (!target.url) return { ok: false, error: 'Set an outbound URL first' };
  if (!target.secret) return { ok: false, error: 'Rotate the outbound signing secret first' };
  const outcome = await postSignedPayload({
    url: target.url,
    secret: target.secret,
    deliveryId: `test-${Date.now()}`,
    timeoutMs: 5000,
    payload: { type: 'test', channelId, text: 'Test message from Baton', createdAt: new Date().toISOString() },
  });
  return outcome.ok ? ok({ status: outcome.status }) : { ok: false, error: `The receiver did not accept it: ${outcome.error}` };
}

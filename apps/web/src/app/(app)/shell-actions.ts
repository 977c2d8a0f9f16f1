'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AVAILABILITIES, listUserWorkspaces } from '@baton/db';
import { getDb } from '@/server/db';
import { requireMember, requireUser } from '@/server/auth';
import { writeActiveWorkspaceCookie } from '@/server/auth/active-workspace';
import { fromError, ok, type ActionResult } from '@/server/auth/action-result';
import { setAvailability } from '@/server/after-commit/mutations';

/** Switches the active workspace, only to one the user is a member of. */
export async function switchWorkspace(workspaceId: string): Promise<ActionResult> {
  const user = await requireUser();
  const workspaces = await listUserWorkspaces(getDb(), user.id);
  if (!workspaces.some((w) => w.workspaceId === workspaceId)) {
    return { ok: false, error: "You're not a member of that workspace" };
  }
  await writeActiveWorkspaceCookie(workspaceId);
  revalidatePath('/', 'layout');
  return ok();
}

const availability = z.enum(AVAILABILITIES);

/** The signed-in member's own availability in the active workspace. */
export async function setMyAvailability(value: string): Promise<ActionResult> {
  const m = await requireMember();
  const parsed = availability.safeParse(value);
  if (!parsed.success) return { ok: false, error: 'Unknown availability' };
  try {
    // The inboxes hear of it (and of any conversations handed on) through the receipt.
    await setAvailability(m.tenant, m.user.id, parsed.data).handedOver();
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/', 'layout');
  return ok();
}

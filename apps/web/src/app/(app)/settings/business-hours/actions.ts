'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { holidaySchema, timeZoneSchema, weeklyHoursSchema } from '@baton/engine';
import { deleteSchedule, saveSchedule, setUserTimeZone, setWorkspaceTimeZone } from '@baton/db';
import { requireMember, requireUser } from '@/server/auth';
import { fromError, ok, type ActionResult } from '@/server/auth/action-result';
import { getDb } from '@/server/db';

const scheduleInput = z.object({
  teamId: z.string().uuid({ error: 'Unknown team' }).nullable(),
  // null: the schedule follows the workspace zone.
  timeZone: timeZoneSchema.nullable(),
  weekly: weeklyHoursSchema,
  holidays: z.array(holidaySchema).max(200, { error: 'At most 200 holidays' }),
});
export type ScheduleFormInput = z.input<typeof scheduleInput>;

/** zod issues → the first message per full field path ('weekly.mon.0.end'), so each input shows its own. */
function fieldIssues(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return { ok: false, error: 'Nothing was saved: please fix the highlighted fields', fieldErrors };
}

async function guarded<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof z.ZodError) return fieldIssues(error);
    return fromError(error);
  }
}

export async function saveWorkspaceTimeZoneAction(formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    const { timeZone } = z.object({ timeZone: timeZoneSchema }).parse(Object.fromEntries(formData));
    await setWorkspaceTimeZone(m.tenant, timeZone);
    revalidatePath('/', 'layout');
    return ok();
  });
}

/** The whole schedule is parsed before anything is written, and written in one statement. */
export async function saveScheduleAction(input: ScheduleFormInput): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await saveSchedule(m.tenant, scheduleInput.parse(input));
    revalidatePath('/settings/business-hours');
    revalidatePath('/team');
    return ok();
  });
}

export async function deleteScheduleAction(teamId: string | null): Promise<ActionResult> {
  return guarded(async () => {
    const m = await requireMember('workspace.manage');
    await deleteSchedule(m.tenant, z.string().uuid().nullable().parse(teamId));
    revalidatePath('/settings/business-hours');
    revalidatePath('/team');
    return ok();
  });
}

/** Anyone may choose the zone times are shown to them in; empty: the workspace's. */
export async function saveMyTimeZoneAction(formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireUser();
    const raw = String(formData.get('timeZone') ?? '').trim();
    const timeZone = raw === '' ? null : z.object({ timeZone: timeZoneSchema }).parse({ timeZone: raw }).timeZone;
    await setUserTimeZone(getDb(), user.id, timeZone);
    revalidatePath('/', 'layout');
    return ok();
  });
}

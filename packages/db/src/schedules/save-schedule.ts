import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Holiday, WeeklyHours } from '@baton/engine';
import { schedules, teams } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from '../identity/require-uuid';
import { requestSlaRecompute } from '../sla/request-sla-recompute.sql';

export type ScheduleInput = {
  /** null: the workspace's default schedule. */
  teamId: string | null;
  /** null: follow the workspace's zone. */
  timeZone: string | null;
  weekly: WeeklyHours;
  holidays: Holiday[];
};

/**
 * Replaces a schedule whole, in one statement (an upsert), from input the caller parsed with
 * the engine's schedule schema: either all of it is saved or none. A team schedule is
 * written only when the team is in the workspace.
 */
export async function saveSchedule(t: Tenant, input: ScheduleInput): Promise<void> {
  const values = { timeZone: input.timeZone, weekly: input.weekly, holidays: input.holidays, updatedAt: sql`now()` };
  if (input.teamId === null) {
    await t.db
      .insert(schedules)
      .values({ workspaceId: t.workspaceId, teamId: null, ...values })
      .onConflictDoUpdate({ target: schedules.workspaceId, targetWhere: sql`team_id is null`, set: values });
    // SLA clocks counted in these hours get new due times (the worker walks them in batches).
    await requestSlaRecompute(t.db, t.workspaceId);
    return;
  }
  requireUuid(input.teamId, 'Team');
  const teamId = input.teamId;
  const [team] = await t.db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, t.workspaceId), eq(teams.id, teamId)));
  if (!team) throw new DomainError('not_found', 'Team not found');
  await t.db
    .insert(schedules)
    .values({ workspaceId: t.workspaceId, teamId, ...values })
    .onConflictDoUpdate({ target: [schedules.workspaceId, schedules.teamId], targetWhere: sql`team_id is not null`, set: values });
  await requestSlaRecompute(t.db, t.workspaceId);
}

/** A team goes back to the workspace's hours; the default schedule goes back to "always open". */
export async function deleteSchedule(t: Tenant, teamId: string | null): Promise<void> {
  if (teamId !== null) requireUuid(teamId, 'Team');
  await t.db
    .delete(schedules)
    .where(and(eq(schedules.workspaceId, t.workspaceId), teamId === null ? isNull(schedules.teamId) : eq(schedules.teamId, teamId)));
  await requestSlaRecompute(t.db, t.workspaceId);
}

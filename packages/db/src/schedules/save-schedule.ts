import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Holiday, WeeklyHours } from '@baton/engine';
import { schedules, teams } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
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
 * Replaces a schedule whole (an upsert), from input the caller parsed with the engine's schedule
 * schema, and asks for the SLA clocks counted in its hours to be re-planned — in one
 * transaction: either the schedule and the request are both saved or neither (a schedule saved
 * without its request would leave open clocks due by the old hours). A team schedule is
 * written only when the team is in the workspace.
 */
export function saveSchedule(t: Tenant, input: ScheduleInput): Promise<void> {
  const values = { timeZone: input.timeZone, weekly: input.weekly, holidays: input.holidays, updatedAt: sql`now()` };
  if (input.teamId !== null) requireUuid(input.teamId, 'Team');
  return inTransaction(t, async (tx) => {
    if (input.teamId === null) {
      await tx.db
        .insert(schedules)
        .values({ workspaceId: tx.workspaceId, teamId: null, ...values })
        .onConflictDoUpdate({ target: schedules.workspaceId, targetWhere: sql`team_id is null`, set: values });
    } else {
      const teamId = input.teamId;
      const [team] = await tx.db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, tx.workspaceId), eq(teams.id, teamId)));
      if (!team) throw new DomainError('not_found', 'Team not found');
      await tx.db
        .insert(schedules)
        .values({ workspaceId: tx.workspaceId, teamId, ...values })
        .onConflictDoUpdate({ target: [schedules.workspaceId, schedules.teamId], targetWhere: sql`team_id is not null`, set: values });
    }
    // SLA clocks counted in these hours get new due times (the worker walks them in batches).
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}

/** A team goes back to the workspace's hours; the default schedule goes back to "always open". */
export function deleteSchedule(t: Tenant, teamId: string | null): Promise<void> {
  if (teamId !== null) requireUuid(teamId, 'Team');
  return inTransaction(t, async (tx) => {
    await tx.db
      .delete(schedules)
      .where(and(eq(schedules.workspaceId, tx.workspaceId), teamId === null ? isNull(schedules.teamId) : eq(schedules.teamId, teamId)));
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}

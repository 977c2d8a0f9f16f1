import { and, asc, eq } from 'drizzle-orm';
import type { Holiday, WeeklyHours } from '@baton/engine';
import { schedules, teams, workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';

export type StoredSchedule = { timeZone: string | null; weekly: WeeklyHours; holidays: Holiday[]; updatedAt: Date };

/** What the business-hours settings page shows: the zone, the default schedule, each team's. */
export async function listSchedules(t: Tenant): Promise<{
  timeZone: string;
  workspace: StoredSchedule | null;
  teams: Array<{ id: string; name: string; schedule: StoredSchedule | null }>;
}> {
  const [ws] = await t.db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, t.workspaceId));
  if (!ws) throw new DomainError('not_found', 'Workspace not found');
  const rows = await t.db
    .select({ teamId: schedules.teamId, timeZone: schedules.timeZone, weekly: schedules.weekly, holidays: schedules.holidays, updatedAt: schedules.updatedAt })
    .from(schedules)
    .where(eq(schedules.workspaceId, t.workspaceId));
  const teamRows = await t.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, t.workspaceId)))
    .orderBy(asc(teams.name));
  const byTeam = new Map(rows.map(({ teamId, ...s }) => [teamId ?? '', s]));
  return {
    timeZone: ws.timeZone,
    workspace: byTeam.get('') ?? null,
    teams: teamRows.map((team) => ({ ...team, schedule: byTeam.get(team.id) ?? null })),
  };
}

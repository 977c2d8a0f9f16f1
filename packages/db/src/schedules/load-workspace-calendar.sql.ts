import { sql } from 'drizzle-orm';
import type { WorkspaceCalendar } from '@baton/engine';
import type { Tenant } from '../tenancy/tenant';
import { calendarColumns, calendarsFromColumns, type CalendarColumns } from './workspace-calendar';

/** One workspace's zone and schedules, as the engine sees them (teams page, the run oracle): no locks, one round trip. */
export async function loadWorkspaceCalendar(t: Tenant): Promise<WorkspaceCalendar> {
  const res = await t.db.execute<CalendarColumns>(sql`select ${calendarColumns(sql`select ${t.workspaceId}::uuid`)}`);
  return calendarsFromColumns([t.workspaceId], res.rows[0]!).get(t.workspaceId)!;
}

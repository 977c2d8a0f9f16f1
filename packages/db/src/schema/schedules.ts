import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, jsonb, uniqueIndex, foreignKey } from 'drizzle-orm/pg-core';
import type { Holiday, WeeklyHours } from '@baton/engine';
import { teams, workspaceIdColumn as workspaceId } from './identity';

// Opening hours: one row per workspace with team_id null (the default) and at most one per
// team. Written whole (upsert of a parsed schedule), so a bad interval saves nothing.
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    teamId: uuid('team_id'),
    // null: the workspace's zone (follows it when the workspace zone changes).
    timeZone: text('time_zone'),
    weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
    holidays: jsonb('holidays').$type<Holiday[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schedules_workspace_default_unique').on(t.workspaceId).where(sql`team_id is null`),
    uniqueIndex('schedules_workspace_team_unique').on(t.workspaceId, t.teamId).where(sql`team_id is not null`),
    foreignKey({ columns: [t.teamId], foreignColumns: [teams.id], name: 'schedules_team_fk' }).onDelete('cascade'),
  ],
);

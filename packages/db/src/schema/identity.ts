import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  timestamp,
  uniqueIndex,
  index,
  primaryKey,
  integer,
  check,
} from 'drizzle-orm/pg-core';
import { roleEnum, availabilityEnum, awayHandOnEnum } from './enums';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  // IANA zone whose days and hours schedules, Date & time steps and metrics days mean.
  timeZone: text('time_zone').notNull().default('UTC'),
  // Capacity per agent: the most open conversations any member may hold through automatic
  // assignment (every assign step, the queue). Null: unlimited. A team's max_open overrides it.
  defaultMaxOpen: integer('default_max_open'),
  // Work follows availability: the default for every team (teams.away_hand_on overrides).
  awayHandOn: awayHandOnEnum('away_hand_on').notNull().default('leave'),
  // Leads are notified once when a conversation has waited this many minutes in a queue
  // (issue #16 item 5). Null: no alert.
  queueAlertMinutes: integer('queue_alert_minutes'),
  createdAt: createdAt(),
}, (t) => [
  check('workspaces_default_max_open_positive', sql`${t.defaultMaxOpen} is null or ${t.defaultMaxOpen} >= 1`),
  check('workspaces_queue_alert_minutes_range', sql`${t.queueAlertMinutes} is null or ${t.queueAlertMinutes} between 1 and 10080`),
]);

/** The tenant column every workspace-owned table carries. */
export const workspaceIdColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/**
 * The workspace of a row that belongs to a parent in the same workspace (a conversation's
 * messages and events, a run's steps): no foreign key to `workspaces`. The parent's key
 * (cascade) keeps them from outliving it, and the workspace key never checked the rule that
 * matters — same workspace as the parent — which the data layer keeps by writing and looking
 * rows up by (workspace, id) pairs. What the key did cost: a FOR KEY SHARE lock on the
 * workspace row for every inserted row, by every concurrent transaction of the tenant —
 * the hottest row in the database. Under load those checks stalled the batch statement
 * 10–25 ms while it held its conversation locks (auto_explain, bench/notes.md session 9).
 */
export const childWorkspaceIdColumn = () => uuid('workspace_id').notNull();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    // Every session token carries the value it was issued with; "sign out everywhere" bumps
    // it, so all tokens issued before stop signing anyone in (JWTs cannot be recalled).
    sessionVersion: integer('session_version').notNull().default(0),
    // The zone times are shown in for this person; null: the workspace's.
    timeZone: text('time_zone'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    availability: availabilityEnum('availability').notNull().default('offline'),
    availabilityChangedAt: timestamp('availability_changed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    // Skills routing: an assign step may require that these cover given tags (e.g. "german").
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    // Their own capacity override (null: none); see member-capacity.sql.ts for how it combines.
    maxOpen: integer('max_open'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_workspace_user_unique').on(t.workspaceId, t.userId),
    index('memberships_user_idx').on(t.userId),
    check('memberships_max_open_positive', sql`${t.maxOpen} is null or ${t.maxOpen} >= 1`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_unique').on(t.tokenHash),
    index('invitations_workspace_idx').on(t.workspaceId),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // First characters of the key, kept so people can tell keys apart; the rest is only hashed.
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    // API_KEY_SCOPES names (identity/api-key-scopes.ts), in that order; at least one.
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_unique').on(t.keyHash),
    index('api_keys_workspace_idx').on(t.workspaceId),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Per-team override of the workspace's capacity per agent (null: the workspace default).
    // A member of several teams with overrides gets the smallest (member-capacity.sql.ts).
    maxOpen: integer('max_open'),
    // Per-team override of workspaces.away_hand_on (null: the workspace's).
    awayHandOn: awayHandOnEnum('away_hand_on'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('teams_workspace_name_unique').on(t.workspaceId, t.name),
    check('teams_max_open_positive', sql`${t.maxOpen} is null or ${t.maxOpen} >= 1`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_workspace_user_idx').on(t.workspaceId, t.userId),
  ],
);

// Every availability change, written by a trigger on memberships (so no code path can
// forget it): what "assignments per online hour" is computed from.
export const availabilityChanges = pgTable(
  'availability_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    availability: availabilityEnum('availability').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('availability_changes_member_idx').on(t.workspaceId, t.userId, t.changedAt)],
);

import type { RunState } from '@baton/engine';
import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  timestamp,
  uniqueIndex,
  index,
  jsonb,
  integer,
  primaryKey,
} from 'drizzle-orm/pg-core';
import { workflowStatusEnum, runStatusEnum } from './enums';
import { users, createdAt, workspaceIdColumn as workspaceId, childWorkspaceIdColumn as childWorkspaceId } from './identity';
import { conversations, outboxEvents } from './conversations';


export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    description: text('description'),
    status: workflowStatusEnum('status').notNull().default('draft'),
    draftDefinition: jsonb('draft_definition').$type<unknown>().notNull(),
    // Denormalised from the published version for the list and for trigger lookup.
    triggerEvent: text('trigger_event'),
    publishedVersionId: uuid('published_version_id'),
    lastPublishedAt: timestamp('last_published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index('workflows_workspace_idx').on(t.workspaceId, t.updatedAt.desc()),
    index('workflows_trigger_idx').on(t.workspaceId, t.triggerEvent).where(sql`status = 'published'`),
  ],
);

// Immutable (a trigger in the migrations rejects UPDATE and DELETE).
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<unknown>().notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workflow_versions_workflow_version_unique').on(t.workflowId, t.version)],
);

/** The engine's run state as stored (the HTTP request step's optional fields included). */
export type RunStateJson = RunState;

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    workflowVersionId: uuid('workflow_version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    triggerEventId: uuid('trigger_event_id').references(() => outboxEvents.id, {
      onDelete: 'set null',
    }),
    status: runStatusEnum('status').notNull().default('running'),
    currentStepId: text('current_step_id'),
    // When waiting: the step to resume at, when, and a sequence number that names the timer job.
    resumeStepId: text('resume_step_id'),
    wakeAt: timestamp('wake_at', { withTimezone: true }),
    waitSeq: integer('wait_seq').notNull().default(0),
    state: jsonb('state').$type<RunStateJson>().notNull(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // One run per (published version, event): a trigger delivered twice starts one run.
    uniqueIndex('workflow_runs_version_event_unique').on(t.workflowVersionId, t.triggerEventId),
    index('workflow_runs_workspace_started_idx').on(t.workspaceId, t.startedAt.desc()),
    index('workflow_runs_workflow_started_idx').on(t.workspaceId, t.workflowId, t.startedAt.desc()),
    index('workflow_runs_conversation_idx').on(t.conversationId),
    // The reconciler's scan for overdue waits.
    index('workflow_runs_waiting_idx').on(t.wakeAt).where(sql`status = 'waiting'`),
    // Runs in flight per step of a version (the publish dialog) and the run mover's batches.
    index('workflow_runs_version_in_flight_idx')
      .on(t.workflowVersionId, t.currentStepId, t.id)
      .where(sql`status in ('waiting', 'running')`),
    // Assignment queues: waiting runs held by an assign step, per pool in arrival order
    // (the drain's "oldest first" and the queue views; run state is the one source).
    index('workflow_runs_queue_idx')
      .on(t.workspaceId, sql`(${t.state}->'queue'->>'pool')`, sql`((${t.state}->'queue'->>'since')::bigint)`, t.id)
      .where(sql`status = 'waiting' and (state->'queue'->>'pool') is not null`),
  ],
);

export const runSteps = pgTable(
  'run_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    runId: uuid('run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    stepId: text('step_id').notNull(),
    stepType: text('step_type').notNull(),
    output: text('output'),
    decision: jsonb('decision').$type<unknown>(),
    effects: jsonb('effects').$type<unknown>(),
    error: text('error'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('run_steps_run_seq_unique').on(t.runId, t.seq)],
);

// Round-robin pointer per pool, locked FOR UPDATE inside the assigning transaction.
// Chatwoot keeps its rotation in a Redis list read and written in two steps, so two
// concurrent assigners can pick the same agent; one row lock makes it one decision.
export const assignmentCursors = pgTable(
  'assignment_cursors',
  {
    workspaceId: workspaceId(),
    poolKey: text('pool_key').notNull(),
    lastUserId: uuid('last_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.poolKey] })],
);

/**
 * An admin's choice at publish time to move runs waiting at changed or removed steps of the
 * previous version to the new one (`moves`: from step id → to step id). Written in the publish
 * transaction; the worker moves the runs in bounded batches, each under the runs' conversation
 * locks (the lock a firing timer takes), and marks the row done. `cursor` is the last run id
 * handled, so a pass resumes where the previous one stopped.
 */
export const runMoves = pgTable(
  'run_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    fromVersionId: uuid('from_version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    toVersionId: uuid('to_version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    moves: jsonb('moves').$type<Record<string, string>>().notNull(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name').notNull(),
    cursor: uuid('cursor'),
    moved: integer('moved').notNull().default(0),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('run_moves_pending_idx').on(t.createdAt).where(sql`finished_at is null`)],
);

import { sql } from 'drizzle-orm';
import { pgTable, pgEnum, uuid, timestamp, jsonb, integer, real, text, index, check } from 'drizzle-orm/pg-core';
import type { SimulationResult } from '@baton/engine';
import { users, createdAt, workspaceIdColumn as workspaceId } from './identity';
import { workflows } from './workflows';

// queued → running → succeeded | failed | cancelled. `cancelled` keeps no result.
export const simulationStatusEnum = pgEnum('simulation_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);

// A replay of a workflow's draft and published version over a recorded period (issue #19):
// the worker claims queued rows, writes progress while it runs, and the result when done.
export const simulations = pgTable(
  'simulations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    status: simulationStatusEnum('status').notNull().default('queued'),
    // 0..1: share of the period's openings replayed over every version.
    progress: real('progress').notNull().default(0),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    seed: integer('seed').notNull(),
    // The draft as it was when the simulation was asked for (the builder may change it meanwhile).
    draftDefinition: jsonb('draft_definition').$type<unknown>().notNull(),
    publishedVersionId: uuid('published_version_id'),
    result: jsonb('result').$type<SimulationResult>(),
    error: text('error'),
    // Set by "Cancel": the worker stops at its next progress write (≤ 1 s) and keeps nothing.
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    // The running worker's heartbeat: a running row not touched for a while is claimed again.
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('simulations_workflow_idx').on(t.workspaceId, t.workflowId, t.createdAt.desc()),
    index('simulations_pending_idx').on(t.createdAt).where(sql`status in ('queued', 'running')`),
    check('simulations_period_order', sql`${t.periodFrom} < ${t.periodTo}`),
    check('simulations_progress_range', sql`${t.progress} between 0 and 1`),
  ],
);

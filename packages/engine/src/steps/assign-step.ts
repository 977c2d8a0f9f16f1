import { z } from 'zod';
import { teamName, userName } from '../catalog';
import { durationSchema, idSchema } from '../schema/primitives';
import { durationToMs, formatDuration, MAX_WAIT_MS, MIN_WAIT_MS } from '../schema/duration';
import { decideAssignment, poolKeyForTarget, type AssignmentDecision } from '../assignment/decide-assignment';
import { requiresSkills } from '../assignment/skill-filter';
import type { StepDefinition } from './step-definition';

export const assignTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: idSchema }),
  z.object({ type: z.literal('team'), teamId: idSchema }),
  z.object({ type: z.literal('workspace') }),
  z.object({ type: z.literal('unassign') }),
]);
export type AssignTarget = z.infer<typeof assignTargetSchema>;

export const assignmentLogics = ['round_robin', 'least_open'] as const;
export const assignmentLogicSchema = z.enum(assignmentLogics);
export type AssignmentLogic = z.infer<typeof assignmentLogicSchema>;

/** "If no one is available: wait in the queue" — for at most `timeout`, then `no_one_available`. */
export const assignQueueSchema = z.object({ timeout: durationSchema });
export type AssignQueue = z.infer<typeof assignQueueSchema>;

export const assignConfigSchema = z
  .object({
    target: assignTargetSchema,
    logic: assignmentLogicSchema.default('round_robin'),
    onlyOnline: z.boolean().default(true),
    // "Fewer than N open": 0 would exclude everyone, so the smallest useful cap is 1.
    maxOpen: z.number().int().min(1).max(10_000).nullable().default(null),
    excludeTried: z.boolean().default(true),
    // Optional (not defaulted) so configs written before queues existed, and typed literals
    // elsewhere, stay valid as they are.
    queue: assignQueueSchema.nullable().optional(),
    // Skills routing (assignment/skill-filter.ts). Optional so definitions without them parse unchanged.
    requiredSkills: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    skillField: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.queue) return;
    // A queue is a team's or the workspace's: waiting for one named person is a wait step.
    if (c.target.type === 'user' || c.target.type === 'unassign') {
      ctx.addIssue({ code: 'custom', path: ['queue'], message: 'a queue needs a team or the workspace as target, not a specific user' });
    }
    const ms = durationToMs(c.queue.timeout);
    if (ms < MIN_WAIT_MS || ms > MAX_WAIT_MS) {
      ctx.addIssue({ code: 'custom', path: ['queue', 'timeout'], message: 'must be between 1 second and 30 days' });
    }
  });
export type AssignConfig = z.infer<typeof assignConfigSchema>;

export const ASSIGN_OUTPUTS = { next: 'next', noOneAvailable: 'no_one_available', noSkillMatch: 'no_skill_match' } as const;

export const assignStep: StepDefinition<'assign', typeof assignConfigSchema, AssignmentDecision> = {
  type: 'assign',
  label: 'Assign',
  description: 'Assign the conversation to a user, or to someone in a team or the workspace.',
  configSchema: assignConfigSchema,
  defaultConfig: () => ({
    target: { type: 'workspace' },
    logic: 'round_robin',
    onlyOnline: true,
    maxOpen: null,
    excludeTried: true,
    queue: null,
  }),
  outputs: (config) =>
    config.target.type === 'unassign'
      ? [ASSIGN_OUTPUTS.next]
      : requiresSkills(config)
        ? [ASSIGN_OUTPUTS.next, ASSIGN_OUTPUTS.noOneAvailable, ASSIGN_OUTPUTS.noSkillMatch]
        : [ASSIGN_OUTPUTS.next, ASSIGN_OUTPUTS.noOneAvailable],
  summarize: (config, catalog) => {
    const t = config.target;
    if (t.type === 'unassign') return 'Unassign';
    const online = config.onlyOnline ? ['online only'] : [];
    const cap = config.maxOpen !== null ? [`max ${config.maxOpen} open`] : [];
    const queue = config.queue ? [`queue up to ${formatDuration(config.queue.timeout)}`] : [];
    const skills = [...(config.requiredSkills ?? []), ...(config.skillField ? [`contact's ${config.skillField}`] : [])];
    if (skills.length) cap.push(`skills: ${skills.join(', ')}`);
    if (t.type === 'user') return ['Assign to ' + userName(catalog, t.userId), ...online, ...cap].join(' · ');
    const who = t.type === 'team' ? teamName(catalog, t.teamId) : 'anyone in the workspace';
    const logic = config.logic === 'round_robin' ? 'round robin' : 'least open';
    return [`Assign to ${who}`, logic, ...online, ...cap, ...queue].join(' · ');
  },
  execute: (config, ctx) => {
    const r = decideAssignment(config, ctx.snapshot, ctx.state, ctx.stepId);
    // Queued: the run sleeps in this step until its timeout (or until the adapter's drain
    // re-runs it because someone became available); either way this step runs again.
    if (r.queuedUntil !== null) {
      const next = { type: 'wait' as const, until: r.queuedUntil, resumeStepId: ctx.stepId };
      return { effects: r.effects, decision: r.decision, output: null, next, state: r.state };
    }
    const next = { type: 'continue' as const, stepId: ctx.follow(r.output) };
    return { effects: r.effects, decision: r.decision, output: r.output, next, state: r.state };
  },
  pools: (config) => {
    const key = poolKeyForTarget(config.target);
    return key ? [key] : [];
  },
};

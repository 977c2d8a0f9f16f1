import { z } from 'zod';
import { teamName, userName } from '../catalog';
import { idSchema } from '../schema/primitives';
import { decideAssignment, poolKeyForTarget, type AssignmentDecision } from '../assignment/decide-assignment';
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

export const assignConfigSchema = z.object({
  target: assignTargetSchema,
  logic: assignmentLogicSchema.default('round_robin'),
  onlyOnline: z.boolean().default(true),
  // "Fewer than N open": 0 would exclude everyone, so the smallest useful cap is 1.
  maxOpen: z.number().int().min(1).max(10_000).nullable().default(null),
  excludeTried: z.boolean().default(true),
});
export type AssignConfig = z.infer<typeof assignConfigSchema>;

export const ASSIGN_OUTPUTS = { next: 'next', noOneAvailable: 'no_one_available' } as const;

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
  }),
  outputs: (config) =>
    config.target.type === 'unassign'
      ? [ASSIGN_OUTPUTS.next]
      : [ASSIGN_OUTPUTS.next, ASSIGN_OUTPUTS.noOneAvailable],
  summarize: (config, catalog) => {
    const t = config.target;
    if (t.type === 'unassign') return 'Unassign';
    const online = config.onlyOnline ? ['online only'] : [];
    const cap = config.maxOpen !== null ? [`max ${config.maxOpen} open`] : [];
    if (t.type === 'user') return ['Assign to ' + userName(catalog, t.userId), ...online, ...cap].join(' · ');
    const who = t.type === 'team' ? teamName(catalog, t.teamId) : 'anyone in the workspace';
    const logic = config.logic === 'round_robin' ? 'round robin' : 'least open';
    return [`Assign to ${who}`, logic, ...online, ...cap].join(' · ');
  },
  execute: (config, ctx) => {
    const r = decideAssignment(config, ctx.snapshot, ctx.state);
    const next = { type: 'continue' as const, stepId: ctx.follow(r.output) };
    return { effects: r.effects, decision: r.decision, output: r.output, next, state: r.state };
  },
  pools: (config) => {
    const key = poolKeyForTarget(config.target);
    return key ? [key] : [];
  },
};

import { z } from 'zod';
import { conditionSchema } from '../conditions/condition-schema';
import { describeCondition } from '../conditions/describe-condition';
import { evaluateBranches, type BranchDecision } from '../conditions/evaluate-branch';
import { BRANCH_ELSE, branchHandle } from './branch-handles';
import { idSchema } from '../schema/primitives';
import type { StepDefinition } from './step-definition';

export const branchSchema = z.object({
  id: idSchema,
  name: z.string().max(100).optional(),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(conditionSchema).min(1, 'needs at least one condition').max(10),
});
export type Branch = z.infer<typeof branchSchema>;

export const branchConfigSchema = z
  .object({
    branches: z.array(branchSchema).min(1, 'needs at least one branch').max(9),
  })
  .superRefine((c, ctx) => {
    // Branch ids become output handle ids, so a duplicate would make two handles collide.
    const seen = new Set<string>();
    c.branches.forEach((b, i) => {
      if (seen.has(b.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['branches', i, 'id'],
          message: `branch id "${b.id}" is used twice`,
        });
      }
      seen.add(b.id);
    });
  });
export type BranchConfig = z.infer<typeof branchConfigSchema>;

export { BRANCH_ELSE, branchHandle } from './branch-handles';

export const branchStep: StepDefinition<'branch', typeof branchConfigSchema, BranchDecision> = {
  type: 'branch',
  label: 'Branch',
  description: 'Take the first path whose conditions match, otherwise Else.',
  configSchema: branchConfigSchema,
  defaultConfig: () => ({
    branches: [
      {
        id: 'b1',
        match: 'all',
        conditions: [{ id: 'c1', kind: 'conversation_status', operator: 'is', value: 'open' }],
      },
    ],
  }),
  outputs: (config) => [...config.branches.map((b) => branchHandle(b.id)), BRANCH_ELSE],
  summarize: (config, catalog) => {
    const parts = config.branches.map((b, i) => {
      const joiner = b.match === 'all' ? ' and ' : ' or ';
      const text = b.name ?? b.conditions.map((c) => describeCondition(c, catalog)).join(joiner);
      return `${i === 0 ? 'If' : 'else if'} ${text}`;
    });
    return [...parts, 'else'].join(' · ');
  },
  execute: (config, ctx) => {
    const decision = evaluateBranches(config, ctx.snapshot, ctx.state.vars);
    const next = { type: 'continue' as const, stepId: ctx.follow(decision.handle) };
    return { effects: [], decision, output: decision.handle, next, state: ctx.state };
  },
};

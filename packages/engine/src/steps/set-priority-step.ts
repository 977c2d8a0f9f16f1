import { z } from 'zod';
import { conversationPrioritySchema, type ConversationPriority } from '../contacts/contact-fields';
import type { StepDefinition } from './step-definition';

export const setPriorityConfigSchema = z.object({ priority: conversationPrioritySchema });
export type SetPriorityConfig = z.infer<typeof setPriorityConfigSchema>;

export type SetPriorityDecision = {
  kind: 'set_priority';
  before: ConversationPriority;
  after: ConversationPriority;
  explanation: string;
};

export const setPriorityStep: StepDefinition<'set_priority', typeof setPriorityConfigSchema, SetPriorityDecision> = {
  type: 'set_priority',
  label: 'Set priority',
  description: "Set the conversation's priority (low, normal, high, urgent).",
  configSchema: setPriorityConfigSchema,
  defaultConfig: () => ({ priority: 'high' }),
  outputs: () => ['next'],
  summarize: (config) => `Set priority to ${config.priority}`,
  execute: (config, ctx) => {
    const before = ctx.snapshot.conversation.priority;
    const changed = before !== config.priority;
    return {
      effects: changed ? [{ type: 'set_priority', priority: config.priority }] : [],
      decision: {
        kind: 'set_priority',
        before,
        after: config.priority,
        explanation: changed ? `Priority ${before} → ${config.priority}.` : `Priority was already ${before}.`,
      },
      output: 'next',
      next: { type: 'continue', stepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
};

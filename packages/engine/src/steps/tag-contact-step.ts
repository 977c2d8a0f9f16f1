import { z } from 'zod';
import { tagNameSchema } from '../contacts/contact-fields';
import type { StepDefinition } from './step-definition';

export const tagContactConfigSchema = z.object({
  action: z.enum(['add', 'remove']).default('add'),
  tag: tagNameSchema,
});
export type TagContactConfig = z.infer<typeof tagContactConfigSchema>;

export type TagContactDecision = {
  kind: 'tag_contact';
  action: 'add' | 'remove';
  tag: string;
  changed: boolean;
  explanation: string;
};

export const tagContactStep: StepDefinition<'tag_contact', typeof tagContactConfigSchema, TagContactDecision> = {
  type: 'tag_contact',
  label: 'Add / remove tag',
  description: "Add a tag to the contact, or take one off.",
  configSchema: tagContactConfigSchema,
  defaultConfig: () => ({ action: 'add', tag: 'tag' }),
  outputs: () => ['next'],
  summarize: (config) => (config.action === 'add' ? `Tag contact “${config.tag}”` : `Remove tag “${config.tag}”`),
  execute: (config, ctx) => {
    const has = ctx.snapshot.contact.tags.includes(config.tag);
    // Adding a tag the contact has (or removing one it lacks) changes nothing and starts nothing.
    const changed = config.action === 'add' ? !has : has;
    return {
      effects: changed ? [config.action === 'add' ? { type: 'add_tag', tag: config.tag } : { type: 'remove_tag', tag: config.tag }] : [],
      decision: {
        kind: 'tag_contact',
        action: config.action,
        tag: config.tag,
        changed,
        explanation: changed
          ? config.action === 'add'
            ? `Tagged the contact “${config.tag}”.`
            : `Removed the tag “${config.tag}”.`
          : config.action === 'add'
            ? `The contact already had the tag “${config.tag}”.`
            : `The contact did not have the tag “${config.tag}”.`,
      },
      output: 'next',
      next: { type: 'continue', stepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
};

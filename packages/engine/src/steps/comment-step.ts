import { z } from 'zod';
import { userName } from '../catalog';
import { idSchema } from '../schema/primitives';
import { renderComment } from '../templates/render-comment';
import type { StepDefinition } from './step-definition';

export const mentionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: idSchema }),
  z.object({ type: z.literal('current_assignee') }),
]);
export type Mention = z.infer<typeof mentionSchema>;

export const commentConfigSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(5000),
  mentions: z.array(mentionSchema).max(20).default([]),
});
export type CommentConfig = z.infer<typeof commentConfigSchema>;

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine;
}

export type CommentDecision = { kind: 'comment'; text: string; mentionUserIds: string[]; explanation: string };

export const commentStep: StepDefinition<'comment', typeof commentConfigSchema, CommentDecision> = {
  type: 'comment',
  label: 'Comment',
  description: 'Add an internal note to the conversation, optionally mentioning people.',
  configSchema: commentConfigSchema,
  defaultConfig: () => ({ text: 'Note from {{workflow.name}}', mentions: [] }),
  outputs: () => ['next'],
  summarize: (config, catalog) => {
    if (config.mentions.length === 0) return `Add comment “${preview(config.text)}”`;
    const names = config.mentions.map((m) =>
      m.type === 'user' ? userName(catalog, m.userId) : 'current assignee',
    );
    const list =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `Add comment mentioning ${list}`;
  },
  execute: (config, ctx) => {
    const { text, mentionUserIds } = renderComment(config, ctx.snapshot, ctx.state);
    return {
      effects: [{ type: 'comment', text, mentionUserIds }],
      decision: { kind: 'comment', text, mentionUserIds, explanation: 'Added an internal comment.' },
      output: 'next',
      next: { type: 'continue', stepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
};

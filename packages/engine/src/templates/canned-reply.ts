import { z } from 'zod';
import { extractVariables, replaceVariables } from './comment-variables';

/**
 * Canned replies (issue #18 item 7): workspace snippets an agent inserts in the composer with
 * `/shortcut`. Same `{{variable}}` syntax and renderer as the comment step; the values come
 * from the conversation open in the inbox and the agent inserting it, not from a run.
 */
export const cannedReplyVariables = ['contact.name', 'contact.email', 'assignee.name', 'team.name', 'agent.name'] as const;
export type CannedReplyVariable = (typeof cannedReplyVariables)[number];
export type CannedReplyValues = Record<CannedReplyVariable, string | null>;

const isCannedReplyVariable = (name: string): name is CannedReplyVariable => (cannedReplyVariables as readonly string[]).includes(name);

export function unknownCannedReplyVariables(text: string): string[] {
  return [...new Set(extractVariables(text).filter((v) => !isCannedReplyVariable(v)))];
}

/** Every known variable filled in; a missing value (no email, unassigned) becomes empty text, never `{{…}}` sent to a customer. */
export function renderCannedReply(body: string, values: CannedReplyValues): string {
  return replaceVariables(body, (name) => (isCannedReplyVariable(name) ? (values[name] ?? '') : null));
}

export const CANNED_REPLY_SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export const cannedReplyInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'Name the reply' }).max(80, { error: 'Keep the name under 80 characters' }),
  shortcut: z
    .string()
    .trim()
    .transform((s) => s.replace(/^\//, '').toLowerCase())
    .pipe(z.string().regex(CANNED_REPLY_SHORTCUT_PATTERN, { error: 'Use 1–40 lowercase letters, digits, - or _ (typed after /)' })),
  body: z
    .string()
    .trim()
    .min(1, { error: 'Write the reply' })
    .max(5000, { error: 'Keep it under 5,000 characters' })
    .superRefine((body, ctx) => {
      const unknown = unknownCannedReplyVariables(body);
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}; use ${cannedReplyVariables.map((v) => `{{${v}}}`).join(', ')}`,
        });
      }
    }),
});
export type CannedReplyInput = z.output<typeof cannedReplyInputSchema>;

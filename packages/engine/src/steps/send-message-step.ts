import { z } from 'zod';
import { replaceVariables } from '../templates/comment-variables';
import { resolveVariable } from '../templates/render-comment';
import type { StepDefinition } from './step-definition';

export const sendMessageConfigSchema = z.object({
  // Same variables as a comment ({{contact.name}}, {{assignee.name}}, …): one template language.
  text: z.string().trim().min(1, 'must not be empty').max(5000),
});
export type SendMessageConfig = z.infer<typeof sendMessageConfigSchema>;

export type SendMessageDecision = { kind: 'send_message'; text: string; sent: boolean; explanation: string };

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine;
}

/**
 * A message to the customer on the conversation's channel, written as an automated outgoing
 * message (no user author) and delivered like an agent's reply (signed POST, retries). It is
 * never an agent reply: it sets no first response time and does not satisfy an
 * "agent replies only" outgoing-message condition (Intercom's reassign recipe starts with a
 * holding reply that must not stop the reassignment).
 */
export const sendMessageStep: StepDefinition<'send_message', typeof sendMessageConfigSchema, SendMessageDecision> = {
  type: 'send_message',
  label: 'Send message',
  description: 'Send a message to the customer on the conversation’s channel (marked as automated).',
  configSchema: sendMessageConfigSchema,
  defaultConfig: () => ({ text: 'Hi {{contact.name}}, thanks for your message: we will be with you shortly.' }),
  outputs: () => ['next'],
  summarize: (config) => `Send message “${preview(config.text)}”`,
  execute: (config, ctx) => {
    const text = replaceVariables(config.text, (name) => resolveVariable(name, ctx.snapshot, ctx.state));
    // A closed conversation takes no replies from agents either (sendReply refuses): skip, say why.
    const sent = ctx.snapshot.conversation.status === 'open';
    return {
      effects: sent ? [{ type: 'send_message', text }] : [],
      decision: {
        kind: 'send_message',
        text,
        sent,
        explanation: sent ? 'Sent an automated message to the customer.' : 'Not sent: the conversation is closed.',
      },
      output: 'next',
      next: { type: 'continue', stepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
};

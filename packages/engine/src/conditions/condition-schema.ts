import { z } from 'zod';
import { durationSchema, idSchema } from '../schema/primitives';
import { conditionOperatorSchema, type RegisteredConditionKind } from './condition-registry';

// Each kind is its own object so the discriminated union (and the canvas form built from
// its JSON schema) only offers operators that make sense for that kind — the operators of
// each kind come from the condition registry (condition-registry.ts), which the canvas reads too.
const required = (
  ctx: z.RefinementCtx,
  present: boolean,
  field: string,
  operator: string,
): void => {
  if (!present) {
    ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required for "${operator}"` });
  }
};

export const conversationStatusConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('conversation_status'),
  operator: conditionOperatorSchema('conversation_status'),
  value: z.enum(['open', 'closed']),
});

export const assigneeConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('assignee'),
    operator: conditionOperatorSchema('assignee'),
    userId: idSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'is' || c.operator === 'is_not') required(ctx, !!c.userId, 'userId', c.operator);
  });

export const teamConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('team'),
    operator: conditionOperatorSchema('team'),
    teamId: idSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'is' || c.operator === 'is_not') required(ctx, !!c.teamId, 'teamId', c.operator);
  });

const timeConditionSchema = <K extends 'last_incoming_message' | 'conversation_opened' | 'assignee_replied' | 'current_assignment'>(kind: K) =>
  z
    .object({
      id: idSchema,
      kind: z.literal(kind),
      operator: conditionOperatorSchema<RegisteredConditionKind & K>(kind),
      duration: durationSchema.optional(),
    })
    .superRefine((c, ctx) => {
      if (c.operator === 'greater_than' || c.operator === 'less_than') {
        required(ctx, !!c.duration, 'duration', c.operator);
      }
    });

/**
 * Which outgoing messages count. `agent`: replies written by a member only; `any`: automated
 * messages from a send-message step too. Absent means `agent`: every outgoing message that
 * existed when such a definition was written was an agent reply, so this keeps its meaning
 * (a workflow's own holding message must not look like "someone replied"). The editor writes
 * the field explicitly for new conditions and the summary always names the choice.
 */
export const outgoingMessageFromSchema = z.enum(['agent', 'any']);
export type OutgoingMessageFrom = z.infer<typeof outgoingMessageFromSchema>;

export const lastOutgoingMessageConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('last_outgoing_message'),
    operator: conditionOperatorSchema('last_outgoing_message'),
    duration: durationSchema.optional(),
    from: outgoingMessageFromSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'greater_than' || c.operator === 'less_than') required(ctx, !!c.duration, 'duration', c.operator);
  });
export const lastIncomingMessageConditionSchema = timeConditionSchema('last_incoming_message');
export const conversationOpenedConditionSchema = timeConditionSchema('conversation_opened');
// The reply clock of the current assignee (issue #16): it restarts at every change of
// assignee, by a workflow or by a person, and only that assignee's own outgoing messages
// stop it — a colleague's reply or an automated message does not.
export const assigneeRepliedConditionSchema = timeConditionSchema('assignee_replied');
export const currentAssignmentConditionSchema = timeConditionSchema('current_assignment');

export const contactFieldConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('contact_field'),
    key: z.string().min(1).max(100),
    operator: conditionOperatorSchema('contact_field'),
    value: z.string().max(500).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'is' || c.operator === 'is_not' || c.operator === 'contains') {
      required(ctx, c.value !== undefined, 'value', c.operator);
    }
  });

export const contactTagConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('contact_tag'),
  operator: conditionOperatorSchema('contact_tag'),
  tag: z.string().min(1).max(100),
});

export const channelConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('channel'),
  operator: conditionOperatorSchema('channel'),
  channelId: idSchema,
});

// A run variable (an HTTP request step's status or a field of its answer): compared as text,
// or as numbers for greater_than / less_than.
export const runVariableConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('run_variable'),
    key: z.string().regex(/^http\.[A-Za-z0-9_.]+$/, 'a run variable such as http.response.status').max(100),
    operator: conditionOperatorSchema('run_variable'),
    value: z.string().max(500).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator !== 'exists' && c.operator !== 'not_exists') required(ctx, c.value !== undefined, 'value', c.operator);
  });

export const conditionSchema = z.discriminatedUnion('kind', [
  conversationStatusConditionSchema,
  assigneeConditionSchema,
  teamConditionSchema,
  lastOutgoingMessageConditionSchema,
  lastIncomingMessageConditionSchema,
  conversationOpenedConditionSchema,
  assigneeRepliedConditionSchema,
  currentAssignmentConditionSchema,
  contactFieldConditionSchema,
  contactTagConditionSchema,
  channelConditionSchema,
  runVariableConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;
export type ConditionKind = Condition['kind'];
export type TimeCondition = Extract<
  Condition,
  {
    kind:
      | 'last_outgoing_message'
      | 'last_incoming_message'
      | 'conversation_opened'
      | 'assignee_replied'
      | 'current_assignment';
  }
>;

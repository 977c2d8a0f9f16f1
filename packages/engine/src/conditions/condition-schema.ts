import { z } from 'zod';
import { durationSchema, idSchema } from '../schema/primitives';

// Each kind is its own object so the discriminated union (and the canvas form built from
// its JSON schema) only offers operators that make sense for that kind.
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
  operator: z.enum(['is', 'is_not']),
  value: z.enum(['open', 'closed']),
});

export const assigneeConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('assignee'),
    operator: z.enum(['is', 'is_not', 'exists', 'not_exists', 'is_online']),
    userId: idSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'is' || c.operator === 'is_not') required(ctx, !!c.userId, 'userId', c.operator);
  });

export const teamConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('team'),
    operator: z.enum(['is', 'is_not', 'exists', 'not_exists']),
    teamId: idSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'is' || c.operator === 'is_not') required(ctx, !!c.teamId, 'teamId', c.operator);
  });

const timeConditionSchema = <K extends string>(kind: K) =>
  z
    .object({
      id: idSchema,
      kind: z.literal(kind),
      operator: z.enum(['exists', 'not_exists', 'greater_than', 'less_than']),
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
    operator: z.enum(['exists', 'not_exists', 'greater_than', 'less_than']),
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
    operator: z.enum(['is', 'is_not', 'contains', 'exists', 'not_exists']),
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
  operator: z.enum(['has', 'has_not']),
  tag: z.string().min(1).max(100),
});

export const channelConditionSchema = z.object({
  id: idSchema,
  kind: z.literal('channel'),
  operator: z.enum(['is', 'is_not']),
  channelId: idSchema,
});

// A run variable (an HTTP request step's status or a field of its answer): compared as text,
// or as numbers for greater_than / less_than.
export const runVariableConditionSchema = z
  .object({
    id: idSchema,
    kind: z.literal('run_variable'),
    key: z.string().regex(/^http\.[A-Za-z0-9_.]+$/, 'a run variable such as http.response.status').max(100),
    operator: z.enum(['is', 'is_not', 'contains', 'exists', 'not_exists', 'greater_than', 'less_than']),
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

import { z } from 'zod';
import { idSchema, positionSchema, sourceSchema } from '../schema/primitives';

export const triggerEvents = [
  'conversation.opened',
  'conversation.closed',
  'message.received',
  'manual',
  'contact.tag_added',
  'contact.field_changed',
  // An SLA clock reached its warning share / its target (payload: kind, clockId, policyId, dueAt).
  'sla.warning',
  'sla.breached',
] as const;
export const triggerEventSchema = z.enum(triggerEvents);
export type TriggerEvent = z.infer<typeof triggerEventSchema>;

export const triggerConditionSchema = z
  .object({
    id: idSchema,
    field: z.literal('source'),
    operator: z.enum(['is', 'is_not', 'is_any_of']),
    value: z.union([sourceSchema, z.array(sourceSchema).min(1)]),
  })
  .superRefine((c, ctx) => {
    // The operator decides the value's shape; a mismatch would silently never match.
    const isList = Array.isArray(c.value);
    if (c.operator === 'is_any_of' && !isList) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: '"is any of" needs a list of sources' });
    }
    if (c.operator !== 'is_any_of' && isList) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.operator}" needs a single source` });
    }
  });
export type TriggerCondition = z.infer<typeof triggerConditionSchema>;

export const triggerConfigSchema = z.object({
  event: triggerEventSchema,
  conditions: z.array(triggerConditionSchema).max(10).default([]),
  // Narrow a contact trigger to one tag / one field (absent: any). Ignored by other events.
  tag: z.string().trim().min(1).max(100).optional(),
  fieldKey: z.string().trim().min(1).max(100).optional(),
});
export type TriggerConfig = z.infer<typeof triggerConfigSchema>;

export const triggerNodeSchema = z.object({
  id: idSchema,
  type: z.literal('trigger'),
  position: positionSchema.optional(),
  config: triggerConfigSchema,
});
export type TriggerNode = z.infer<typeof triggerNodeSchema>;

export const TRIGGER_OUTPUT = 'next';

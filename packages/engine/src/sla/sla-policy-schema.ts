import { z } from 'zod';
import { conversationPrioritySchema } from '../contacts/contact-fields';
import { idSchema } from '../schema/primitives';
import { scheduleRefSchema } from '../business-time/schedule-ref';

export const slaKinds = ['first_response', 'next_response', 'resolution'] as const;
export type SlaKind = (typeof slaKinds)[number];
export const slaKindSchema = z.enum(slaKinds);
export const slaKindLabels: Record<SlaKind, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

/** A target: whole seconds, at least one, at most a year (the business-time search window). */
const targetSchema = z
  .number({ error: 'Enter a number' })
  .int({ error: 'Use whole seconds' })
  .positive({ error: 'A target must be more than zero' })
  .max(366 * 24 * 3600, { error: 'At most a year' })
  .nullable();

/** Every list empty: the condition does not narrow. All given lists must match (AND); a list matches any of its values (OR). */
export const slaConditionsSchema = z.object({
  channelIds: z.array(idSchema).max(50).default([]),
  teamIds: z.array(idSchema).max(50).default([]),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  priorities: z.array(conversationPrioritySchema).max(4).default([]),
});
export type SlaConditions = z.infer<typeof slaConditionsSchema>;

export const slaTargetsSchema = z
  .object({
    firstResponseSeconds: targetSchema.default(null),
    nextResponseSeconds: targetSchema.default(null),
    resolutionSeconds: targetSchema.default(null),
  })
  .refine((t) => t.firstResponseSeconds !== null || t.nextResponseSeconds !== null || t.resolutionSeconds !== null, {
    error: 'Set at least one target',
    path: ['firstResponseSeconds'],
  });
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

/** What an SLA policy holds besides its id and order: the JSON the settings form and the data layer share. */
export const slaPolicyInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'Give the policy a name' }).max(100, { error: 'At most 100 characters' }),
  conditions: slaConditionsSchema,
  targets: slaTargetsSchema,
  // null: calendar time (every minute counts); else the schedule whose open time counts.
  businessHours: scheduleRefSchema.nullable(),
  warningPercent: z
    .number({ error: 'Enter a number' })
    .gt(0, { error: 'The warning share must be between 0 and 100 %' })
    .lt(100, { error: 'The warning share must be between 0 and 100 %' }),
  // The resolution clock stops counting while the last message is the agent's (waiting on the
  // customer) and counts on from the customer's next message (plan-sla-clocks.ts).
  pauseWhileWaitingOnCustomer: z.boolean().default(false),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;
export type SlaPolicy = SlaPolicyInput & { id: string; position: number };

export function targetSecondsOf(targets: SlaTargets, kind: SlaKind): number | null {
  switch (kind) {
    case 'first_response':
      return targets.firstResponseSeconds;
    case 'next_response':
      return targets.nextResponseSeconds;
    case 'resolution':
      return targets.resolutionSeconds;
  }
}

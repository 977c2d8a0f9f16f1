import { z } from 'zod';
import { contactFieldKeySchema, FIELD_VALUE_MAX } from '../contacts/contact-fields';
import type { StepDefinition } from './step-definition';

// The value is checked against the field's type at publish (validation/contact-problems.ts):
// the engine has no definitions at run time, and a published value is already canonical.
export const setContactFieldConfigSchema = z.object({
  key: contactFieldKeySchema,
  action: z.enum(['set', 'clear']).default('set'),
  value: z.string().trim().max(FIELD_VALUE_MAX).default(''),
});
export type SetContactFieldConfig = z.infer<typeof setContactFieldConfigSchema>;

export type SetContactFieldDecision = {
  kind: 'set_contact_field';
  key: string;
  before: string | null;
  after: string | null;
  explanation: string;
};

export const setContactFieldStep: StepDefinition<'set_contact_field', typeof setContactFieldConfigSchema, SetContactFieldDecision> = {
  type: 'set_contact_field',
  label: 'Update contact field',
  description: "Set or clear one of the contact's fields.",
  configSchema: setContactFieldConfigSchema,
  defaultConfig: () => ({ key: 'field', action: 'set', value: '' }),
  outputs: () => ['next'],
  summarize: (config, catalog) => {
    const label = catalog?.contactFields?.find((f) => f.key === config.key)?.label ?? config.key;
    return config.action === 'clear' ? `Clear ${label}` : `Set ${label} to “${config.value}”`;
  },
  execute: (config, ctx) => {
    const fields = ctx.snapshot.contact.fields;
    const before = Object.prototype.hasOwnProperty.call(fields, config.key) ? (fields[config.key] ?? null) : null;
    const after = config.action === 'clear' ? null : config.value;
    // Writing the value it already has is no change: no write, no "field changed" event.
    const changed = before !== after;
    return {
      effects: changed ? [{ type: 'set_contact_field', key: config.key, value: after }] : [],
      decision: {
        kind: 'set_contact_field',
        key: config.key,
        before,
        after,
        explanation: !changed
          ? `${config.key} was already ${after === null ? 'empty' : `“${after}”`}; nothing changed.`
          : after === null
            ? `Cleared ${config.key} (was “${before}”).`
            : `Set ${config.key} to “${after}”${before === null ? '' : ` (was “${before}”)`}.`,
      },
      output: 'next',
      next: { type: 'continue', stepId: ctx.follow('next') },
      state: ctx.state,
    };
  },
};

'use client';

import { Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function SetContactFieldForm({ config, onChange, errors, catalog }: StepFormProps) {
  const fields = catalog.contactFields ?? [];
  const key = typeof config.key === 'string' ? config.key : '';
  const action = config.action === 'clear' ? 'clear' : 'set';
  const value = typeof config.value === 'string' ? config.value : '';
  const def = fields.find((f) => f.key === key);
  const known = fields.some((f) => f.key === key);
  return (
    <div className="space-y-4">
      <Select
        label="Field"
        testId="field-contact-field-key"
        value={key}
        error={errorUnder(errors, 'config.key')}
        hint={fields.length === 0 ? 'Define contact fields in Settings → Contact fields.' : undefined}
        onChange={(e) => onChange({ ...config, key: e.target.value, value: '' }, 'key')}
        options={[
          ...(known ? [] : [{ value: key, label: key ? `${key} (not defined)` : 'Choose a field…', disabled: true }]),
          ...fields.map((f) => ({ value: f.key, label: `${f.label} (${f.type})` })),
        ]}
      />
      <Select
        label="Action"
        testId="field-contact-field-action"
        value={action}
        onChange={(e) => onChange({ ...config, action: e.target.value }, 'action')}
        options={[
          { value: 'set', label: 'Set to a value' },
          { value: 'clear', label: 'Clear' },
        ]}
      />
      {action === 'set' ? (
        def?.type === 'select' ? (
          <Select
            label="Value"
            testId="field-contact-field-value"
            value={value}
            error={errorUnder(errors, 'config.value')}
            onChange={(e) => onChange({ ...config, value: e.target.value }, 'value')}
            options={[{ value: '', label: 'Choose…', disabled: true }, ...def.options.map((o) => ({ value: o, label: o }))]}
          />
        ) : (
          <TextInput
            label="Value"
            testId="field-contact-field-value"
            type={def?.type === 'number' ? 'number' : def?.type === 'date' ? 'date' : 'text'}
            value={value}
            maxLength={500}
            error={errorUnder(errors, 'config.value')}
            onChange={(e) => onChange({ ...config, value: e.target.value }, 'value')}
          />
        )
      ) : null}
    </div>
  );
}

export const setContactFieldView: StepView = {
  paletteLabel: 'Update contact field',
  accent: 'bg-sky-100 text-sky-700',
  icon: svg(
    <>
      <rect x="3" y="4" width="14" height="12" rx="2" />
      <path d="M6 8h5M6 12h8" />
    </>,
  ),
  Form: SetContactFieldForm,
};

'use client';

import { TextInput } from './form-controls';
import { errorUnder } from './field-errors';
import type { StepFormProps } from './form-props';

export function CloseForm({ config, onChange, errors }: StepFormProps) {
  return (
    <TextInput
      label="Reason (optional)"
      testId="field-close-reason"
      value={typeof config.reason === 'string' ? config.reason : ''}
      maxLength={200}
      error={errorUnder(errors, 'config.reason')}
      onChange={(e) => {
        const { reason: _drop, ...rest } = config;
        onChange(e.target.value ? { ...rest, reason: e.target.value } : rest, 'reason');
      }}
    />
  );
}

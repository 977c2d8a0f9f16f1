'use client';

import { TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

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

export const closeView: StepView = {
  paletteLabel: 'Close conversation',
  accent: 'bg-slate-200 text-slate-700',
  icon: svg(
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="m7 10 2 2 4-4" />
    </>,
  ),
  Form: CloseForm,
};

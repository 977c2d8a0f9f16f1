'use client';

import { conversationPriorities } from '@baton/engine';
import { Select } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function SetPriorityForm({ config, onChange, errors }: StepFormProps) {
  return (
    <Select
      label="Priority"
      testId="field-priority"
      value={typeof config.priority === 'string' ? config.priority : 'high'}
      error={errorUnder(errors, 'config.priority')}
      onChange={(e) => onChange({ ...config, priority: e.target.value }, 'priority')}
      options={conversationPriorities.map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) }))}
    />
  );
}

export const setPriorityView: StepView = {
  paletteLabel: 'Set priority',
  accent: 'bg-orange-100 text-orange-700',
  icon: svg(<path d="M5 17V3m0 1h9l-2 3.5 2 3.5H5" />),
  Form: SetPriorityForm,
};

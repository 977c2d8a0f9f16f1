'use client';

import { DurationInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function WaitForm({ config, onChange, errors }: StepFormProps) {
  return (
    <div className="space-y-3">
      <DurationInput
        label="Wait for"
        testId="field-wait"
        value={isRecord(config.duration) ? config.duration : undefined}
        error={errorUnder(errors, 'config.duration')}
        onChange={(duration) => onChange({ ...config, duration }, 'duration')}
      />
      <p className="text-xs text-slate-500">Between 1 second and 30 days. The conversation keeps going meanwhile; a branch after this step can check whether someone replied.</p>
    </div>
  );
}

export const waitView: StepView = {
  paletteLabel: 'Wait',
  accent: 'bg-sky-100 text-sky-700',
  icon: svg(
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M10 6v4l2.5 2" />
    </>,
  ),
  Form: WaitForm,
};

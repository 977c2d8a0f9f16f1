'use client';

import { DurationInput } from './form-controls';
import { errorUnder } from './field-errors';
import { isRecord, type StepFormProps } from './form-props';

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

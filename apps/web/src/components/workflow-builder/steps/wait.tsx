'use client';

import { Checkbox, DurationInput } from '../forms/form-controls';
import { ScheduleRefSelect } from '../forms/schedule-ref-select';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function WaitForm({ config, onChange, errors, catalog }: StepFormProps) {
  return (
    <div className="space-y-3">
      <DurationInput
        label="Wait for"
        testId="field-wait"
        value={isRecord(config.duration) ? config.duration : undefined}
        error={errorUnder(errors, 'config.duration')}
        onChange={(duration) => onChange({ ...config, duration }, 'duration')}
      />
      <Checkbox
        label="Count only business hours"
        hint="15 business minutes at 16:55 end at 09:10 the next working day."
        testId="field-wait-business"
        checked={isRecord(config.businessHours)}
        onChange={(on) => {
          const { businessHours: _b, ...rest } = config;
          onChange(on ? { ...rest, businessHours: { type: 'workspace' } } : rest, 'businessHours');
        }}
      />
      {isRecord(config.businessHours) ? (
        <ScheduleRefSelect
          value={config.businessHours}
          catalog={catalog}
          testId="field-wait-business-schedule"
          error={errorUnder(errors, 'config.businessHours')}
          onChange={(businessHours) => onChange({ ...config, businessHours }, 'businessHours')}
        />
      ) : null}
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

'use client';

import { Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { ScheduleRefSelect } from '../forms/schedule-ref-select';
import { svg, type StepView } from './step-view';

export function WaitUntilForm({ config, onChange, errors, catalog }: StepFormProps) {
  const until = config.until === 'time_of_day' ? 'time_of_day' : 'schedule_opens';
  return (
    <div className="space-y-3">
      <Select
        label="Wait until"
        testId="field-wait-until"
        value={until}
        onChange={(e) =>
          onChange(e.target.value === 'time_of_day' ? { until: 'time_of_day', time: '09:00' } : { until: 'schedule_opens', schedule: { type: 'workspace' } }, 'until')
        }
        options={[
          { value: 'schedule_opens', label: 'Opening hours start' },
          { value: 'time_of_day', label: 'A time of day' },
        ]}
      />
      {until === 'schedule_opens' ? (
        <ScheduleRefSelect
          value={config.schedule}
          catalog={catalog}
          testId="field-wait-until-schedule"
          error={errorUnder(errors, 'config.schedule')}
          onChange={(schedule) => onChange({ ...config, schedule }, 'schedule')}
        />
      ) : (
        <TextInput
          label="Time (workspace time zone)"
          testId="field-wait-until-time"
          type="time"
          value={typeof config.time === 'string' ? config.time : ''}
          error={errorUnder(errors, 'config.time')}
          onChange={(e) => onChange({ ...config, time: e.target.value }, 'time')}
        />
      )}
      <p className="text-xs text-slate-500">While the hours are open the workflow goes straight on; otherwise it holds the conversation until they open.</p>
    </div>
  );
}

export const waitUntilView: StepView = {
  paletteLabel: 'Wait until',
  accent: 'bg-cyan-100 text-cyan-700',
  icon: svg(
    <>
      <rect x="3.5" y="4.5" width="13" height="12" rx="2" />
      <path d="M3.5 8.5h13M7 3v3M13 3v3M10 11v2.5h2" />
    </>,
  ),
  Form: WaitUntilForm,
};

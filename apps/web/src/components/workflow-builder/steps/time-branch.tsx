'use client';

import { dateTimeConditionKinds, weekdayLabels, weekdays } from '@baton/engine';
import { randomSuffix } from '../definition-edits';
import { Checkbox, FieldError, Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { ScheduleRefSelect } from '../forms/schedule-ref-select';
import { svg, type StepView } from './step-view';

type Cond = Record<string, unknown>;
const MAX_CONDITIONS = 10;

const kindLabels: Record<(typeof dateTimeConditionKinds)[number], string> = {
  schedule_hours: 'Opening hours',
  day_of_week: 'Day of week',
  time_of_day: 'Time of day',
  date_range: 'Date range',
  holiday: 'Holiday',
};

function freshCondition(kind: string, id: string): Cond {
  switch (kind) {
    case 'day_of_week':
      return { id, kind, days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
    case 'time_of_day':
      return { id, kind, from: '09:00', to: '17:00' };
    case 'date_range':
      return { id, kind, from: '', to: '' };
    case 'holiday':
      return { id, kind, operator: 'is', schedule: { type: 'workspace' } };
    default:
      return { id, kind: 'schedule_hours', operator: 'open', schedule: { type: 'workspace' } };
  }
}

function ConditionFields({ c, path, testId, set, errors, catalog }: { c: Cond; path: string; testId: string; set: (patch: Cond, key: string) => void } & Pick<StepFormProps, 'errors' | 'catalog'>) {
  switch (c.kind) {
    case 'schedule_hours':
    case 'holiday':
      return (
        <>
          <Select
            label={c.kind === 'holiday' ? 'Today' : 'Now'}
            testId={`${testId}-operator`}
            value={String(c.operator)}
            onChange={(e) => set({ operator: e.target.value }, 'operator')}
            options={
              c.kind === 'holiday'
                ? [{ value: 'is', label: 'is a holiday of' }, { value: 'is_not', label: 'is not a holiday of' }]
                : [{ value: 'open', label: 'is inside' }, { value: 'closed', label: 'is outside' }]
            }
          />
          <ScheduleRefSelect value={c.schedule} catalog={catalog} testId={`${testId}-schedule`} error={errorUnder(errors, `${path}.schedule`)} onChange={(schedule) => set({ schedule }, 'schedule')} />
        </>
      );
    case 'day_of_week': {
      const days = Array.isArray(c.days) ? (c.days as string[]) : [];
      return (
        <div>
          <div className="grid grid-cols-2 gap-1">
            {weekdays.map((d) => (
              <Checkbox
                key={d}
                label={weekdayLabels[d]}
                testId={`${testId}-day-${d}`}
                checked={days.includes(d)}
                onChange={(on) => set({ days: weekdays.filter((x) => (x === d ? on : days.includes(x))) }, 'days')}
              />
            ))}
          </div>
          <FieldError error={errorUnder(errors, `${path}.days`)} />
        </div>
      );
    }
    case 'time_of_day':
    case 'date_range': {
      const type = c.kind === 'time_of_day' ? 'time' : 'date';
      return (
        <div className="grid grid-cols-2 gap-2">
          <TextInput label="From" type={type} testId={`${testId}-from`} value={String(c.from ?? '')} error={errorUnder(errors, `${path}.from`)} onChange={(e) => set({ from: e.target.value }, 'from')} />
          <TextInput label={c.kind === 'time_of_day' ? 'To (before)' : 'To (through)'} type={type} testId={`${testId}-to`} value={String(c.to ?? '')} error={errorUnder(errors, `${path}.to`)} onChange={(e) => set({ to: e.target.value }, 'to')} />
        </div>
      );
    }
    default:
      return null;
  }
}

export function TimeBranchForm({ config, onChange, errors, catalog }: StepFormProps) {
  const conditions = (Array.isArray(config.conditions) ? config.conditions : []).filter(isRecord);
  const setConditions = (next: Cond[], key: string) => onChange({ ...config, conditions: next }, key);
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">Days, dates and times are the workspace time zone&apos;s; opening hours and holidays are the schedule&apos;s own. Matches continues on the first output, otherwise Else.</p>
      {conditions.length > 1 ? (
        <Select
          label="Match"
          testId="field-time-match"
          value={config.match === 'any' ? 'any' : 'all'}
          onChange={(e) => onChange({ ...config, match: e.target.value }, 'match')}
          options={[
            { value: 'all', label: 'All conditions (AND)' },
            { value: 'any', label: 'Any condition (OR)' },
          ]}
        />
      ) : null}
      {conditions.map((c, i) => {
        const path = `config.conditions.${i}`;
        const testId = `field-time-condition-${i}`;
        const set = (patch: Cond, key: string) => setConditions(conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)), `conditions.${i}.${key}`);
        return (
          <section key={String(c.id ?? i)} className="space-y-2 rounded-lg border border-cyan-200 bg-cyan-50/40 p-3" data-testid={testId}>
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <Select
                  label="Condition"
                  testId={`${testId}-kind`}
                  value={String(c.kind)}
                  onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? freshCondition(e.target.value, String(c.id)) : x)), `conditions.${i}.kind`)}
                  options={dateTimeConditionKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
                />
              </div>
              {conditions.length > 1 ? (
                <button type="button" className="pb-2 text-xs text-slate-500 hover:text-red-600" onClick={() => setConditions(conditions.filter((_, j) => j !== i), 'conditions')}>
                  Remove
                </button>
              ) : null}
            </div>
            <ConditionFields c={c} path={path} testId={testId} set={set} errors={errors} catalog={catalog} />
          </section>
        );
      })}
      <FieldError error={errors.get('config.conditions')} />
      <button
        type="button"
        data-testid="time-add-condition"
        disabled={conditions.length >= MAX_CONDITIONS}
        onClick={() => setConditions([...conditions, freshCondition('day_of_week', `c${randomSuffix()}`)], 'conditions')}
        className="text-xs font-medium text-cyan-700 hover:text-cyan-900 disabled:text-slate-400"
      >
        + Add condition
      </button>
    </div>
  );
}

export const timeBranchView: StepView = {
  paletteLabel: 'Date & time',
  accent: 'bg-cyan-100 text-cyan-700',
  icon: svg(
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M10 5.5V10h3.5M4 16l2-2M16 16l-2-2" />
    </>,
  ),
  Form: TimeBranchForm,
};

'use client';

import { TRIGGER_SOURCE_LABELS, triggerConditionOperatorList, triggerEventList } from '@baton/engine';
import { randomSuffix } from '../definition-edits';
import { Select } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

const sources = Object.entries(TRIGGER_SOURCE_LABELS).map(([value, label]) => ({ value, label }));

export function TriggerForm({ config, onChange, errors, catalog }: StepFormProps) {
  const conditions = (Array.isArray(config.conditions) ? config.conditions : []).filter(isRecord);
  const setConditions = (next: Record<string, unknown>[], key: string) => onChange({ ...config, conditions: next }, key);
  return (
    <div className="space-y-4">
      <Select
        label="Start when"
        testId="field-trigger-event"
        value={String(config.event ?? 'conversation.opened')}
        error={errorUnder(errors, 'config.event')}
        onChange={(e) => onChange({ ...config, event: e.target.value }, 'event')}
        options={[...triggerEventList]}
      />
      {config.event === 'contact.tag_added' ? (
        <Select
          label="Tag"
          testId="field-trigger-tag"
          value={typeof config.tag === 'string' ? config.tag : ''}
          error={errorUnder(errors, 'config.tag')}
          onChange={(e) => {
            const { tag: _drop, ...rest } = config;
            onChange(e.target.value ? { ...rest, tag: e.target.value } : rest, 'tag');
          }}
          options={[{ value: '', label: 'Any tag' }, ...(catalog.tags ?? []).map((t) => ({ value: t, label: t }))]}
        />
      ) : null}
      {config.event === 'contact.field_changed' ? (
        <Select
          label="Field"
          testId="field-trigger-field"
          value={typeof config.fieldKey === 'string' ? config.fieldKey : ''}
          error={errorUnder(errors, 'config.fieldKey')}
          onChange={(e) => {
            const { fieldKey: _drop, ...rest } = config;
            onChange(e.target.value ? { ...rest, fieldKey: e.target.value } : rest, 'fieldKey');
          }}
          options={[{ value: '', label: 'Any field' }, ...(catalog.contactFields ?? []).map((f) => ({ value: f.key, label: f.label }))]}
        />
      ) : null}
      <div className="space-y-2">
        <p className="text-xs font-medium text-slate-700">Only if</p>
        {conditions.length === 0 ? <p className="text-xs text-slate-500">No conditions: every event starts a run.</p> : null}
        {conditions.map((c, i) => {
          const many = c.operator === 'is_any_of';
          const values = Array.isArray(c.value) ? c.value.map(String) : typeof c.value === 'string' ? [c.value] : [];
          const set = (patch: Record<string, unknown>) => setConditions(conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)), `conditions.${i}`);
          return (
            <div key={String(c.id ?? i)} className="space-y-2 rounded-lg border border-slate-200 p-2.5">
              <div className="flex items-end gap-2">
                <div className="flex-1">
                  <Select
                    label="Source"
                    testId={`field-trigger-condition-${i}-operator`}
                    value={String(c.operator ?? 'is')}
                    onChange={(e) => {
                      const op = e.target.value;
                      set({ operator: op, value: op === 'is_any_of' ? (values.length ? values : ['contact']) : (values[0] ?? 'contact') });
                    }}
                    options={[...triggerConditionOperatorList]}
                  />
                </div>
                <button type="button" aria-label="Remove condition" onClick={() => setConditions(conditions.filter((_, j) => j !== i), 'conditions')} className="mb-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-red-600">
                  ✕
                </button>
              </div>
              {many ? (
                <div className="flex flex-wrap gap-3">
                  {sources.map((s) => (
                    <label key={s.value} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="checkbox"
                        checked={values.includes(s.value)}
                        onChange={(e) => set({ value: e.target.checked ? [...values, s.value] : values.filter((v) => v !== s.value) })}
                      />
                      {s.label}
                    </label>
                  ))}
                </div>
              ) : (
                <Select label="Value" testId={`field-trigger-condition-${i}-value`} value={values[0] ?? 'contact'} onChange={(e) => set({ value: e.target.value })} options={sources} />
              )}
              {errorUnder(errors, `config.conditions.${i}`) ? <p className="text-xs text-red-600">{errorUnder(errors, `config.conditions.${i}`)}</p> : null}
            </div>
          );
        })}
        <button
          type="button"
          disabled={conditions.length >= 10}
          onClick={() => setConditions([...conditions, { id: `src-${randomSuffix()}`, field: 'source', operator: 'is', value: 'contact' }], 'conditions')}
          className="text-xs font-medium text-brand-700 hover:text-brand-600"
        >
          + Add condition on who started it
        </button>
      </div>
    </div>
  );
}

export const triggerView: StepView = {
  paletteLabel: 'Trigger',
  accent: 'bg-amber-100 text-amber-700',
  icon: svg(<path d="M11 2 4 11h5l-1 7 7-9h-5l1-7Z" />),
  Form: TriggerForm,
};

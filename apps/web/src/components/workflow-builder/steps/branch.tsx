'use client';

import { randomSuffix } from '../definition-edits';
import { ConditionEditor, defaultCondition } from '../forms/condition-editor';
import { FieldError, Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

const MAX_BRANCHES = 9;
const MAX_CONDITIONS = 10;

export function BranchForm({ config, onChange, errors, catalog }: StepFormProps) {
  const branches = (Array.isArray(config.branches) ? config.branches : []).filter(isRecord);
  const setBranches = (next: Record<string, unknown>[], key: string) => onChange({ ...config, branches: next }, key);
  const setBranch = (i: number, patch: Record<string, unknown>, key: string) =>
    setBranches(branches.map((b, j) => (j === i ? { ...b, ...patch } : b)), `branches.${i}.${key}`);

  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">Branches are checked top to bottom; the first that matches wins. If none match, the workflow continues from Else.</p>
      {branches.map((b, i) => {
        const conditions = (Array.isArray(b.conditions) ? b.conditions : []).filter(isRecord);
        const base = `config.branches.${i}`;
        return (
          <section key={String(b.id ?? i)} className="space-y-2.5 rounded-lg border border-violet-200 bg-violet-50/40 p-3" data-testid={`branch-${i}`}>
            <div className="flex items-center justify-between">
              <h4 className="text-xs font-semibold tracking-wide text-violet-800 uppercase">Branch {i + 1}</h4>
              {branches.length > 1 ? (
                <button type="button" data-testid={`branch-${i}-remove`} onClick={() => setBranches(branches.filter((_, j) => j !== i), 'branches')} className="text-xs text-slate-500 hover:text-red-600">
                  Remove
                </button>
              ) : null}
            </div>
            <TextInput
              label="Label (optional)"
              testId={`field-branch-${i}-name`}
              value={typeof b.name === 'string' ? b.name : ''}
              placeholder={`Branch ${i + 1}`}
              maxLength={100}
              onChange={(e) => {
                const { name: _n, ...rest } = b;
                setBranches(branches.map((x, j) => (j === i ? (e.target.value ? { ...rest, name: e.target.value } : rest) : x)), `branches.${i}.name`);
              }}
            />
            {conditions.length > 1 ? (
              <Select
                label="Match"
                testId={`field-branch-${i}-match`}
                value={b.match === 'any' ? 'any' : 'all'}
                onChange={(e) => setBranch(i, { match: e.target.value }, 'match')}
                options={[
                  { value: 'all', label: 'All conditions (AND)' },
                  { value: 'any', label: 'Any condition (OR)' },
                ]}
              />
            ) : null}
            <div className="space-y-2">
              {conditions.map((c, j) => (
                <div key={String(c.id ?? j)}>
                  {j > 0 ? <p className="py-1 text-center text-[10px] font-semibold tracking-wider text-violet-700 uppercase">{b.match === 'any' ? 'or' : 'and'}</p> : null}
                  <ConditionEditor
                    condition={c}
                    catalog={catalog}
                    errors={errors}
                    path={`${base}.conditions.${j}`}
                    testId={`field-condition-${i}-${j}`}
                    onChange={(next, field) =>
                      setBranch(i, { conditions: conditions.map((x, k) => (k === j ? next : x)) }, `conditions.${j}.${field}`)
                    }
                    onRemove={conditions.length > 1 ? () => setBranch(i, { conditions: conditions.filter((_, k) => k !== j) }, 'conditions') : undefined}
                  />
                </div>
              ))}
            </div>
            <FieldError error={errors.get(`${base}.conditions`)} />
            <button
              type="button"
              data-testid={`branch-${i}-add-condition`}
              disabled={conditions.length >= MAX_CONDITIONS}
              onClick={() => setBranch(i, { conditions: [...conditions, defaultCondition('conversation_status', `c-${randomSuffix()}`)] }, 'conditions')}
              className="text-xs font-medium text-brand-700 hover:text-brand-600 disabled:text-slate-400"
            >
              + Add condition {conditions.length >= MAX_CONDITIONS ? `(max ${MAX_CONDITIONS})` : ''}
            </button>
          </section>
        );
      })}
      <FieldError error={errorUnder(errors, 'config.branches') && !/^config\.branches\.\d/.test([...errors.keys()][0] ?? '') ? errorUnder(errors, 'config.branches') : undefined} />
      <button
        type="button"
        data-testid="branch-add"
        disabled={branches.length >= MAX_BRANCHES}
        onClick={() => setBranches([...branches, { id: `b-${randomSuffix()}`, match: 'all', conditions: [defaultCondition('conversation_status', `c-${randomSuffix()}`)] }], 'branches')}
        className="w-full rounded-lg border border-dashed border-slate-300 py-2 text-sm font-medium text-slate-600 hover:border-brand-500 hover:text-brand-700 disabled:opacity-50"
      >
        + Add branch {branches.length >= MAX_BRANCHES ? `(max ${MAX_BRANCHES})` : ''}
      </button>
      <div className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <span className="font-semibold">Else</span> — when no branch matches.
      </div>
    </div>
  );
}

export const branchView: StepView = {
  paletteLabel: 'Branch',
  accent: 'bg-violet-100 text-violet-700',
  icon: svg(
    <>
      <circle cx="5" cy="4" r="1.8" />
      <circle cx="5" cy="16" r="1.8" />
      <circle cx="15" cy="8" r="1.8" />
      <path d="M5 6v8M5 11c0-2 2-3 4-3h4" />
    </>,
  ),
  Form: BranchForm,
};

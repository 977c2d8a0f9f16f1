'use client';

import { conditionKindList, type Catalog } from '@baton/engine';
import { DurationInput, Select, TextInput } from './form-controls';
import { errorUnder, type FieldErrors } from './field-errors';
import { isRecord } from './form-props';

type Cond = Record<string, unknown>;

// Kinds and their operators come from the engine's condition registry: the canvas offers
// exactly what the definition schema (and so the API and the engine) accepts.
const kinds = conditionKindList;

/** A fresh condition of `kind` with the first operator and an empty value. */
export function defaultCondition(kind: string, id: string): Cond {
  switch (kind) {
    case 'conversation_status':
      return { id, kind, operator: 'is', value: 'open' };
    case 'assignee':
    case 'team':
      return { id, kind, operator: 'exists' };
    case 'last_outgoing_message':
      // New conditions say which messages count; agent replies only, so a workflow's own
      // automated message never reads as "someone replied".
      return { id, kind, operator: 'not_exists', from: 'agent' };
    case 'last_incoming_message':
    case 'conversation_opened':
    case 'assignee_replied':
      return { id, kind, operator: 'not_exists' };
    case 'current_assignment':
      return { id, kind, operator: 'greater_than', duration: { amount: 15, unit: 'minutes' } };
    case 'contact_field':
      return { id, kind, key: '', operator: 'exists' };
    case 'contact_tag':
      return { id, kind, operator: 'has', tag: '' };
    case 'channel':
      return { id, kind, operator: 'is', channelId: '' };
    case 'run_variable':
      return { id, kind, key: 'http.response.status', operator: 'is', value: '200' };
    default:
      return { id, kind: 'conversation_status', operator: 'is', value: 'open' };
  }
}

export function ConditionEditor({
  condition,
  onChange,
  onRemove,
  errors,
  path,
  testId,
  catalog,
}: {
  condition: Cond;
  onChange: (c: Cond, field: string) => void;
  onRemove?: () => void;
  errors: FieldErrors;
  path: string;
  testId: string;
  catalog: Catalog;
}) {
  const kind = String(condition.kind ?? '');
  const op = String(condition.operator ?? '');
  const spec = kinds.find((k) => k.value === kind) ?? kinds[0]!;
  const set = (patch: Cond, field: string) => onChange({ ...condition, ...patch }, field);
  const err = (f: string) => errorUnder(errors, `${path}.${f}`);
  const needsDuration = op === 'greater_than' || op === 'less_than';
  const fieldDef = kind === 'contact_field' ? catalog.contactFields?.find((f) => f.key === condition.key) : undefined;

  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-2.5" data-testid={testId}>
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Select
            label="When"
            testId={`${testId}-kind`}
            value={kind}
            onChange={(e) => onChange(defaultCondition(e.target.value, String(condition.id)), 'kind')}
            options={kinds.map((k) => ({ value: k.value, label: k.label }))}
          />
        </div>
        {onRemove ? (
          <button type="button" onClick={onRemove} aria-label="Remove condition" data-testid={`${testId}-remove`} className="mb-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-red-600">
            ✕
          </button>
        ) : null}
      </div>
      <Select
        label="Operator"
        testId={`${testId}-operator`}
        value={op}
        error={err('operator')}
        onChange={(e) => {
          const operator = e.target.value;
          const patch: Cond = { operator };
          if (kind !== 'run_variable' && (operator === 'greater_than' || operator === 'less_than') && !isRecord(condition.duration)) patch.duration = { amount: 15, unit: 'minutes' };
          set(patch, 'operator');
        }}
        options={[...spec.operators]}
      />
      {kind === 'conversation_status' ? (
        <Select
          label="Status"
          testId={`${testId}-value`}
          value={String(condition.value ?? 'open')}
          onChange={(e) => set({ value: e.target.value }, 'value')}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
          ]}
        />
      ) : null}
      {kind === 'assignee' && (op === 'is' || op === 'is_not') ? (
        <Select
          label="User"
          testId={`${testId}-value`}
          value={String(condition.userId ?? '')}
          error={err('userId')}
          onChange={(e) => set({ userId: e.target.value || undefined }, 'userId')}
          options={[{ value: '', label: 'Choose a user…' }, ...catalog.users.map((u) => ({ value: u.id, label: u.name }))]}
        />
      ) : null}
      {kind === 'team' && (op === 'is' || op === 'is_not') ? (
        <Select
          label="Team"
          testId={`${testId}-value`}
          value={String(condition.teamId ?? '')}
          error={err('teamId')}
          onChange={(e) => set({ teamId: e.target.value || undefined }, 'teamId')}
          options={[{ value: '', label: 'Choose a team…' }, ...catalog.teams.map((t) => ({ value: t.id, label: t.name }))]}
        />
      ) : null}
      {kind === 'last_outgoing_message' ? (
        <Select
          label="Counting"
          testId={`${testId}-from`}
          // Absent (definitions from before automated messages existed) means agent replies only.
          value={condition.from === 'any' ? 'any' : 'agent'}
          onChange={(e) => set({ from: e.target.value }, 'from')}
          options={[
            { value: 'agent', label: 'Agent replies only' },
            { value: 'any', label: 'Any outgoing (automated messages too)' },
          ]}
        />
      ) : null}
      {needsDuration && ['last_outgoing_message', 'last_incoming_message', 'conversation_opened', 'assignee_replied', 'current_assignment'].includes(kind) ? (
        <DurationInput
          label="Time"
          testId={`${testId}-duration`}
          value={isRecord(condition.duration) ? condition.duration : undefined}
          error={err('duration')}
          onChange={(duration) => set({ duration }, 'duration')}
        />
      ) : null}
      {kind === 'contact_field' ? (
        <>
          <Select
            label="Field"
            testId={`${testId}-key`}
            value={String(condition.key ?? '')}
            error={err('key')}
            onChange={(e) => set({ key: e.target.value, value: undefined }, 'key')}
            options={[
              ...((catalog.contactFields ?? []).some((f) => f.key === condition.key) ? [] : [{ value: String(condition.key ?? ''), label: condition.key ? `${String(condition.key)} (not defined)` : 'Choose a field…', disabled: true }]),
              ...(catalog.contactFields ?? []).map((f) => ({ value: f.key, label: f.label })),
            ]}
          />
          {op === 'is' || op === 'is_not' || op === 'contains' ? (
            fieldDef?.type === 'select' && op !== 'contains' ? (
              <Select
                label="Value"
                testId={`${testId}-value`}
                value={String(condition.value ?? '')}
                error={err('value')}
                onChange={(e) => set({ value: e.target.value }, 'value')}
                options={[{ value: '', label: 'Choose…', disabled: true }, ...fieldDef.options.map((o) => ({ value: o, label: o }))]}
              />
            ) : (
              <TextInput
                label="Value"
                testId={`${testId}-value`}
                type={fieldDef?.type === 'date' && op !== 'contains' ? 'date' : fieldDef?.type === 'number' && op !== 'contains' ? 'number' : 'text'}
                value={String(condition.value ?? '')}
                error={err('value')}
                onChange={(e) => set({ value: e.target.value }, 'value')}
              />
            )
          ) : null}
        </>
      ) : null}
      {kind === 'run_variable' ? (
        <>
          <TextInput label="Variable" testId={`${testId}-key`} value={String(condition.key ?? '')} error={err('key')} onChange={(e) => set({ key: e.target.value }, 'key')} placeholder="http.response.status" />
          {op !== 'exists' && op !== 'not_exists' ? (
            <TextInput label="Value" testId={`${testId}-value`} value={String(condition.value ?? '')} error={err('value')} onChange={(e) => set({ value: e.target.value }, 'value')} />
          ) : null}
        </>
      ) : null}
      {kind === 'contact_tag' ? (
        <Select
          label="Tag"
          testId={`${testId}-value`}
          value={String(condition.tag ?? '')}
          error={err('tag')}
          onChange={(e) => set({ tag: e.target.value }, 'tag')}
          options={[
            ...((catalog.tags ?? []).includes(String(condition.tag ?? '')) ? [] : [{ value: String(condition.tag ?? ''), label: condition.tag ? `${String(condition.tag)} (not defined)` : 'Choose a tag…', disabled: true }]),
            ...(catalog.tags ?? []).map((t) => ({ value: t, label: t })),
          ]}
        />
      ) : null}
      {kind === 'channel' ? (
        <Select
          label="Channel"
          testId={`${testId}-value`}
          value={String(condition.channelId ?? '')}
          error={err('channelId')}
          onChange={(e) => set({ channelId: e.target.value }, 'channelId')}
          options={[{ value: '', label: 'Choose a channel…' }, ...(catalog.channels ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
      ) : null}
    </div>
  );
}

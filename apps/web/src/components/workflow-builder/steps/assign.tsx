'use client';

import { Checkbox, DurationInput, FieldError, Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function AssignForm({ config, onChange, errors, catalog }: StepFormProps) {
  const target = isRecord(config.target) ? config.target : { type: 'workspace' };
  const type = String(target.type ?? 'workspace');
  const set = (patch: Record<string, unknown>, key: string) => onChange({ ...config, ...patch }, key);
  const pooled = type === 'team' || type === 'workspace';
  const maxOpen = typeof config.maxOpen === 'number' ? config.maxOpen : null;
  const queue = isRecord(config.queue) ? config.queue : null;

  return (
    <div className="space-y-4">
      <Select
        label="Assign to"
        testId="field-assign-target-type"
        value={type}
        onChange={(e) => {
          const t = e.target.value;
          set({ target: t === 'team' ? { type: 'team', teamId: '' } : t === 'user' ? { type: 'user', userId: '' } : { type: t } }, 'target.type');
        }}
        options={[
          { value: 'team', label: 'Someone in a team' },
          { value: 'user', label: 'A specific user' },
          { value: 'workspace', label: 'Anyone in the workspace' },
          { value: 'unassign', label: 'Nobody (unassign)' },
        ]}
      />
      {type === 'team' ? (
        <Select
          label="Team"
          testId="field-assign-team"
          value={String(target.teamId ?? '')}
          error={errorUnder(errors, 'config.target')}
          onChange={(e) => set({ target: { type: 'team', teamId: e.target.value } }, 'target.teamId')}
          options={[
            { value: '', label: 'Choose a team…' },
            ...catalog.teams.map((t) => ({ value: t.id, label: `${t.name} (${t.memberIds.length} ${t.memberIds.length === 1 ? 'member' : 'members'})` })),
          ]}
        />
      ) : null}
      {type === 'user' ? (
        <Select
          label="User"
          testId="field-assign-user"
          value={String(target.userId ?? '')}
          error={errorUnder(errors, 'config.target')}
          onChange={(e) => set({ target: { type: 'user', userId: e.target.value } }, 'target.userId')}
          options={[{ value: '', label: 'Choose a user…' }, ...catalog.users.map((u) => ({ value: u.id, label: u.name }))]}
        />
      ) : null}
      {pooled ? (
        <Select
          label="How to pick"
          testId="field-assign-logic"
          value={String(config.logic ?? 'round_robin')}
          error={errorUnder(errors, 'config.logic')}
          onChange={(e) => set({ logic: e.target.value }, 'logic')}
          options={[
            { value: 'round_robin', label: 'Round robin (take turns)' },
            { value: 'least_open', label: 'Fewest open conversations' },
          ]}
        />
      ) : null}
      {type !== 'unassign' ? (
        <div className="space-y-3 rounded-lg bg-slate-50 p-3">
          <Checkbox
            label="Only people who are online"
            testId="field-assign-only-online"
            checked={config.onlyOnline !== false}
            onChange={(v) => set({ onlyOnline: v }, 'onlyOnline')}
          />
          {pooled ? (
            <Checkbox
              label="Skip people this run already tried"
              hint="So a reassignment goes to someone new."
              testId="field-assign-exclude-tried"
              checked={config.excludeTried !== false}
              onChange={(v) => set({ excludeTried: v }, 'excludeTried')}
            />
          ) : null}
          <Checkbox
            label="Limit open conversations per person"
            testId="field-assign-limit"
            checked={maxOpen !== null}
            onChange={(v) => set({ maxOpen: v ? 10 : null }, 'maxOpen')}
          />
          {maxOpen !== null ? (
            <TextInput
              label="Fewer than this many open"
              testId="field-assign-max-open"
              type="number"
              min={1}
              value={maxOpen}
              error={errorUnder(errors, 'config.maxOpen')}
              onChange={(e) => set({ maxOpen: e.target.value === '' ? 0 : Number(e.target.value) }, 'maxOpen')}
            />
          ) : null}
        </div>
      ) : null}
      {pooled || queue ? (
        <div className="space-y-3 rounded-lg bg-slate-50 p-3">
          <Checkbox
            label="If no one is available: wait in the queue"
            hint="The conversation waits unassigned with its team set and goes to the first person who becomes available, oldest first."
            testId="field-assign-queue"
            checked={queue !== null}
            onChange={(v) => set({ queue: v ? { timeout: { amount: 30, unit: 'minutes' } } : null }, 'queue')}
          />
          {queue ? (
            <DurationInput
              label="Wait in the queue for at most"
              testId="field-assign-queue-timeout"
              value={isRecord(queue.timeout) ? queue.timeout : undefined}
              error={errorUnder(errors, 'config.queue.timeout')}
              onChange={(timeout) => set({ queue: { timeout } }, 'queue.timeout')}
            />
          ) : null}
          <FieldError error={errors.get('config.queue')} testId="field-assign-queue-error" />
        </div>
      ) : null}
      {type !== 'unassign' ? (
        <div className="space-y-3 rounded-lg border border-slate-200 p-2.5">
          <p className="text-xs font-medium text-slate-700">Skills routing</p>
          <TextInput
            label="Required skills (comma-separated)"
            testId="field-assign-skills"
            defaultValue={Array.isArray(config.requiredSkills) ? config.requiredSkills.join(', ') : ''}
            error={errorUnder(errors, 'config.requiredSkills')}
            // Parsed on blur: parsing each keystroke would swallow the comma being typed.
            onBlur={(e) => {
              const { requiredSkills: _drop, ...rest } = config;
              const list = e.target.value.split(',').map((x) => x.trim()).filter(Boolean);
              onChange(list.length ? { ...rest, requiredSkills: list } : rest, 'requiredSkills');
            }}
          />
          <Select
            label="…and the skill named by the contact field"
            testId="field-assign-skill-field"
            value={typeof config.skillField === 'string' ? config.skillField : ''}
            error={errorUnder(errors, 'config.skillField')}
            onChange={(e) => {
              const { skillField: _drop, ...rest } = config;
              onChange(e.target.value ? { ...rest, skillField: e.target.value } : rest, 'skillField');
            }}
            options={[{ value: '', label: 'None' }, ...(catalog.contactFields ?? []).map((f) => ({ value: f.key, label: `${f.label} (e.g. language)` }))]}
          />
          <p className="text-xs text-slate-500">
            Members&apos; skills are set on the Team page. When skills are required and nobody matches, the workflow continues from{' '}
            <span className="font-medium text-amber-700">No skilled agent</span>.
          </p>
        </div>
      ) : null}
      {type !== 'unassign' ? (
        <p className="text-xs text-slate-500">
          {queue
            ? 'If nobody becomes available in time, the workflow continues from the '
            : 'If nobody matches, the workflow continues from the '}
          <span className="font-medium text-amber-700">No one available</span> output.
        </p>
      ) : null}
    </div>
  );
}

export const assignView: StepView = {
  paletteLabel: 'Assign to',
  accent: 'bg-brand-100 text-brand-700',
  icon: svg(
    <>
      <circle cx="8" cy="7" r="3" />
      <path d="M2.5 17c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5M15 6v5M12.5 8.5h5" />
    </>,
  ),
  Form: AssignForm,
};

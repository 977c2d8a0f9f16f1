'use client';

import { Select, TextInput } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function JumpForm({ stepId, config, onChange, errors, definition, labelOf }: StepFormProps) {
  const others = definition.steps.filter((s) => s.id !== stepId);
  return (
    <div className="space-y-4">
      <Select
        label="Go back to"
        testId="field-jump-target"
        value={typeof config.targetStepId === 'string' ? config.targetStepId : ''}
        error={errorUnder(errors, 'config.targetStepId')}
        onChange={(e) => onChange({ ...config, targetStepId: e.target.value }, 'targetStepId')}
        options={[
          { value: '', label: 'Choose a step…' },
          ...others.map((s) => ({ value: s.id, label: `${s.name || labelOf(s.type)} · ${s.id}` })),
        ]}
        hint="Must be an earlier step on this path."
      />
      <TextInput
        label="At most this many times per run"
        testId="field-jump-max"
        type="number"
        min={1}
        max={10}
        value={typeof config.maxJumps === 'number' ? config.maxJumps : ''}
        error={errorUnder(errors, 'config.maxJumps')}
        onChange={(e) => onChange({ ...config, maxJumps: e.target.value === '' ? 0 : Number(e.target.value) }, 'maxJumps')}
        hint="After that the run continues from Limit reached."
      />
    </div>
  );
}

export const jumpView: StepView = {
  paletteLabel: 'Jump to',
  accent: 'bg-rose-100 text-rose-700',
  icon: svg(<path d="M6 16V8a3 3 0 0 1 3-3h6m0 0-3-3m3 3-3 3" />),
  Form: JumpForm,
};

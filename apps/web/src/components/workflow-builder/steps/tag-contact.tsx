'use client';

import { Select } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

export function TagContactForm({ config, onChange, errors, catalog }: StepFormProps) {
  const tags = catalog.tags ?? [];
  const tag = typeof config.tag === 'string' ? config.tag : '';
  return (
    <div className="space-y-4">
      <Select
        label="Action"
        testId="field-tag-action"
        value={config.action === 'remove' ? 'remove' : 'add'}
        onChange={(e) => onChange({ ...config, action: e.target.value }, 'action')}
        options={[
          { value: 'add', label: 'Add tag' },
          { value: 'remove', label: 'Remove tag' },
        ]}
      />
      <Select
        label="Tag"
        testId="field-tag-name"
        value={tag}
        error={errorUnder(errors, 'config.tag')}
        hint={tags.length === 0 ? 'Define tags in Settings → Contact fields.' : undefined}
        onChange={(e) => onChange({ ...config, tag: e.target.value }, 'tag')}
        options={[...(tags.includes(tag) ? [] : [{ value: tag, label: tag ? `${tag} (not defined)` : 'Choose a tag…', disabled: true }]), ...tags.map((t) => ({ value: t, label: t }))]}
      />
    </div>
  );
}

export const tagContactView: StepView = {
  paletteLabel: 'Add / remove tag',
  accent: 'bg-fuchsia-100 text-fuchsia-700',
  icon: svg(
    <>
      <path d="M3 10V4a1 1 0 0 1 1-1h6l7 7-7 7-7-7Z" />
      <circle cx="7" cy="7" r="1" />
    </>,
  ),
  Form: TagContactForm,
};

'use client';

import type { Catalog } from '@baton/engine';
import { Select } from './form-controls';
import { isRecord } from './form-props';

/** Which opening hours a step means: the workspace's, or a team's (its own, else the workspace's). */
export function ScheduleRefSelect({
  value,
  onChange,
  catalog,
  testId,
  label = 'Opening hours',
  error,
}: {
  value: unknown;
  onChange: (ref: { type: 'workspace' } | { type: 'team'; teamId: string }) => void;
  catalog: Catalog;
  testId: string;
  label?: string;
  error?: string;
}) {
  const current = isRecord(value) && value.type === 'team' && typeof value.teamId === 'string' ? `team:${value.teamId}` : 'workspace';
  return (
    <Select
      label={label}
      testId={testId}
      value={current}
      error={error}
      hint="Set them in Settings → Business hours. A team without its own uses the workspace's."
      onChange={(e) => onChange(e.target.value === 'workspace' ? { type: 'workspace' } : { type: 'team', teamId: e.target.value.slice('team:'.length) })}
      options={[{ value: 'workspace', label: 'Workspace business hours' }, ...catalog.teams.map((t) => ({ value: `team:${t.id}`, label: `${t.name}'s hours` }))]}
    />
  );
}

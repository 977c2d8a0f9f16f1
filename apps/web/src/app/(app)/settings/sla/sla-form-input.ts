import type { ScheduleRef } from '@baton/engine';

/** Form names ↔ the policy's field paths, so a problem shows under the input that caused it. */
export const SLA_FIELD_OF_PATH: Record<string, string> = {
  name: 'name',
  'targets.firstResponseSeconds': 'firstResponseMinutes',
  'targets.nextResponseSeconds': 'nextResponseMinutes',
  'targets.resolutionSeconds': 'resolutionMinutes',
  businessHours: 'hours',
  warningPercent: 'warningPercent',
  pauseWhileWaitingOnCustomer: 'pauseWhileWaitingOnCustomer',
  'conditions.channelIds': 'channelIds',
  'conditions.teamIds': 'teamIds',
  'conditions.tags': 'tags',
  'conditions.priorities': 'priorities',
};

/** Minutes as typed (blank: no target) → whole seconds; anything not a number stays NaN for the schema to name. */
function minutes(v: FormDataEntryValue | null): number | null {
  const s = String(v ?? '').trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n * 60) : Number.NaN;
}

function hours(v: FormDataEntryValue | null): ScheduleRef | null | 'invalid' {
  const s = String(v ?? 'calendar');
  if (s === 'calendar') return null;
  if (s === 'workspace') return { type: 'workspace' };
  if (s.startsWith('team:')) return { type: 'team', teamId: s.slice(5) };
  return 'invalid';
}

/** The settings form's FormData → the policy input the engine's schema parses (it reports every problem). */
export function slaPolicyFromForm(form: FormData): unknown {
  const warning = String(form.get('warningPercent') ?? '').trim();
  return {
    name: String(form.get('name') ?? ''),
    targets: {
      firstResponseSeconds: minutes(form.get('firstResponseMinutes')),
      nextResponseSeconds: minutes(form.get('nextResponseMinutes')),
      resolutionSeconds: minutes(form.get('resolutionMinutes')),
    },
    businessHours: hours(form.get('hours')),
    warningPercent: warning === '' ? Number.NaN : Number(warning),
    pauseWhileWaitingOnCustomer: form.get('pauseWhileWaitingOnCustomer') !== null,
    conditions: {
      channelIds: form.getAll('channelIds').map(String),
      teamIds: form.getAll('teamIds').map(String),
      tags: String(form.get('tags') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      priorities: form.getAll('priorities').map(String),
    },
  };
}

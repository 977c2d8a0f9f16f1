import type { SimulationResult, VersionSimulation } from './simulation-result';

export interface SimulationDifference {
  metric: string;
  /** "ms" values are durations; "share" values are 0..1. */
  unit: 'count' | 'ms' | 'share';
  published: number | null;
  draft: number | null;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Draft vs published, metric by metric (every metric the replay measures, changed or not, so
 * the table reads the same for every simulation). Per-agent rows use `names` for labels.
 */
export function simulationDifferences(result: SimulationResult, names: Record<string, string> = {}): SimulationDifference[] {
  const draft = result.versions.find((v) => v.label === 'draft') ?? null;
  const published = result.versions.find((v) => v.label === 'published') ?? null;
  const rows: SimulationDifference[] = [];
  const row = (metric: string, unit: SimulationDifference['unit'], f: (v: VersionSimulation) => number | null) =>
    rows.push({ metric, unit, published: published ? f(published) : null, draft: draft ? f(draft) : null });
  row('Runs started', 'count', (v) => v.runs);
  row('Assignments', 'count', (v) => sum(Object.values(v.assignmentsPerAgent)));
  row('Reassignments', 'count', (v) => v.reassignments);
  row('Queued', 'count', (v) => sum(v.queuedByHour));
  row('Queue timeouts', 'count', (v) => v.queueTimeouts);
  row('No one available', 'count', (v) => sum(v.noOneAvailableByHour));
  row('First response median', 'ms', (v) => v.firstResponse.medianMs);
  row('First response p90', 'ms', (v) => v.firstResponse.p90Ms);
  row('Unanswered', 'count', (v) => v.firstResponse.unanswered);
  if (result.versions.some((v) => v.sla)) row('SLA first response attainment', 'share', (v) => v.sla?.attainment ?? null);
  row('Failed runs', 'count', (v) => v.runStatus.failed);
  const agents = [...new Set(result.versions.flatMap((v) => Object.keys(v.assignmentsPerAgent)))].sort((a, b) =>
    (names[a] ?? a).localeCompare(names[b] ?? b),
  );
  for (const id of agents) row(`Assignments to ${names[id] ?? id}`, 'count', (v) => v.assignmentsPerAgent[id] ?? 0);
  return rows;
}

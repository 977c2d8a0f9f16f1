import 'server-only';
import type { AgentMetrics, DailyMetrics } from '@baton/db';
import { csvCell as cell } from './csv-cell';

const rows = (header: string[], body: (string | number | null)[][]) =>
  [header, ...body].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export function dailyMetricsCsv(daily: DailyMetrics[]): string {
  return rows(
    ['day', 'opened', 'first_response_median_ms', 'first_response_p90_ms', 'reassigned_share', 'reassignments', 'assignments'],
    daily.map((d) => [d.day, d.opened, d.firstResponseMedianMs, d.firstResponseP90Ms, d.reassignedShare, d.reassignments, d.assignments]),
  );
}

export function agentMetricsCsv(agents: AgentMetrics[]): string {
  return rows(
    ['agent', 'role', 'availability', 'open_now', 'assignments', 'reassigned_away', 'reassigned_to', 'online_hours', 'assignments_per_online_hour'],
    agents.map((a) => [a.name, a.role, a.availability, a.openNow, a.assignments, a.reassignedAway, a.reassignedTo, a.onlineHours, a.assignmentsPerOnlineHour]),
  );
}

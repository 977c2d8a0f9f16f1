import 'server-only';
import type { SlaAttainmentRow, SlaBreach } from '@baton/db';
import { csvCell as cell } from './csv-cell';

const rows = (header: string[], body: (string | number | null)[][]) =>
  [header, ...body].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export function slaAttainmentCsv(attainment: SlaAttainmentRow[]): string {
  return rows(
    ['day', 'dimension', 'id', 'name', 'met', 'breached', 'attainment'],
    attainment.map((r) => [r.day, r.dimension, r.id, r.name, r.met, r.breached, r.met + r.breached ? Math.round((r.met / (r.met + r.breached)) * 10_000) / 10_000 : null]),
  );
}

export function slaBreachesCsv(breaches: SlaBreach[]): string {
  return rows(
    ['breached_at', 'due_at', 'target', 'conversation_id', 'contact', 'team', 'assignee'],
    breaches.map((b) => [b.breachedAt.toISOString(), b.dueAt.toISOString(), b.kind, b.conversationId, b.contactName, b.teamName, b.assigneeName]),
  );
}

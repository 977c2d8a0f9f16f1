import Link from 'next/link';
import { getSlaAttainment, listSlaBreaches, type MetricsPeriod, type SlaAttainmentRow, type Tenant } from '@baton/db';
import { slaKindLabels } from '@baton/engine';
import { Card, CardHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { SlaCharts } from './sla-charts';

const SHOWN_BREACHES = 50;

function totals(rows: SlaAttainmentRow[], dimension: 'team' | 'agent') {
  const byName = new Map<string, { name: string; met: number; breached: number }>();
  for (const r of rows.filter((x) => x.dimension === dimension)) {
    const t = byName.get(r.name) ?? { name: r.name, met: 0, breached: 0 };
    t.met += r.met;
    t.breached += r.breached;
    byName.set(r.name, t);
  }
  return [...byName.values()];
}

const share = (met: number, breached: number) => (met + breached === 0 ? '—' : `${Math.round((met / (met + breached)) * 1000) / 10} %`);

/** Leads' view of SLA policies at work: attainment per team and agent, and every breach with its conversation. */
export async function SlaAttainmentSection({ tenant, period, exportQuery }: { tenant: Tenant; period: MetricsPeriod; exportQuery: (extra: Record<string, string>) => string }) {
  const [rows, breaches] = await Promise.all([getSlaAttainment(tenant, period), listSlaBreaches(tenant, period, SHOWN_BREACHES)]);
  const groups = [
    { title: 'Team', items: totals(rows, 'team') },
    { title: 'Agent', items: totals(rows, 'agent') },
  ];
  return (
    <Card className="mt-6">
      <CardHeader
        title="SLA attainment"
        description="Clocks of SLA policies decided in the period: met (stopped before the target) or breached, for the team and assignee the conversation had then."
        actions={
          <span className="flex gap-3 text-sm">
            <a href={`/api/internal/runs/metrics-export?${exportQuery({ table: 'sla' })}`} className="text-brand-700 hover:underline" download>
              Export attainment (CSV)
            </a>
            <a href={`/api/internal/runs/metrics-export?${exportQuery({ table: 'sla-breaches' })}`} className="text-brand-700 hover:underline" download>
              Export breaches (CSV)
            </a>
          </span>
        }
      />
      <div className="space-y-4 p-4" data-testid="sla-attainment">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            No SLA clock was met or breached in this period. Policies are set in <Link href="/settings/sla" className="text-brand-700 underline">Settings → SLA policies</Link>.
          </p>
        ) : (
          <>
            <SlaCharts rows={rows} />
            <div className="grid gap-4 md:grid-cols-2">
              {groups.map((g) => (
                <table key={g.title} className="min-w-full text-sm" aria-label={`SLA attainment per ${g.title.toLowerCase()}`}>
                  <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="py-1 pr-3">{g.title}</th>
                      <th className="py-1 pr-3 text-right">Met</th>
                      <th className="py-1 pr-3 text-right">Breached</th>
                      <th className="py-1 text-right">Attainment</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {g.items.map((i) => (
                      <tr key={i.name}>
                        <td className="py-1 pr-3 font-medium text-slate-900">{i.name}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">{i.met}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">{i.breached}</td>
                        <td className="py-1 text-right tabular-nums">{share(i.met, i.breached)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </div>
          </>
        )}
        <h3 className="text-sm font-semibold text-slate-800">Breaches{breaches.length === SHOWN_BREACHES ? ` (latest ${SHOWN_BREACHES}; the CSV has all)` : ''}</h3>
        {breaches.length === 0 ? (
          <p className="text-sm text-slate-600">No breaches in this period.</p>
        ) : (
          <table className="min-w-full text-sm" aria-label="SLA breaches" data-testid="sla-breaches">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3">Conversation</th>
                <th className="py-1 pr-3">Target</th>
                <th className="py-1 pr-3">Team</th>
                <th className="py-1 pr-3">Assignee</th>
                <th className="py-1">Breached</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {breaches.map((b) => (
                <tr key={b.clockId}>
                  <td className="py-1 pr-3">
                    <Link href={`/inbox?view=all&c=${b.conversationId}`} className="text-brand-700 hover:underline">
                      {b.contactName}
                    </Link>
                  </td>
                  <td className="py-1 pr-3">{slaKindLabels[b.kind]}</td>
                  <td className="py-1 pr-3">{b.teamName ?? '—'}</td>
                  <td className="py-1 pr-3">{b.assigneeName ?? 'Unassigned'}</td>
                  <td className="py-1 text-slate-600">
                    <LocalTime iso={b.breachedAt.toISOString()} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

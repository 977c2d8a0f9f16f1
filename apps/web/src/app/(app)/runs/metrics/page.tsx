import Link from 'next/link';
import { getAgentMetrics, getConversationMetrics, getWorkspaceTimeZone, metricsPeriodSchema } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { periodFromSearch, type SearchParams } from '@/server/runs/search-params';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { RunsTabs } from '@/components/runs/runs-tabs';
import { AgentCharts, DailyCharts } from '@/components/runs/metrics-charts';
import { formatMs, formatShare } from '@/components/runs/format-metric';
import { SlaAttainmentSection } from '@/components/runs/sla-attainment-section';

const PERIODS = [7, 14, 30, 90] as const;

export default async function MetricsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { member, allowed } = await getMemberAccess('runs.view');
  const header = <PageHeader title="Metrics" description="Are customers answered faster, and who carries the load?" />;
  if (!allowed) {
    return (
      <>
        {header}
        <NoAccess what="metrics" />
      </>
    );
  }
  const sp = await searchParams;
  // Days are the workspace's (Settings → Business hours), the same for every viewer.
  const workspaceZone = await getWorkspaceTimeZone(member.tenant);
  const parsed = metricsPeriodSchema.safeParse(periodFromSearch(sp, 7, workspaceZone));
  if (!parsed.success) {
    return (
      <>
        {header}
        <RunsTabs />
        <Alert>{parsed.error.issues[0]?.message ?? 'That period is not valid'}. <Link href="/runs/metrics">Show the last 7 days</Link>.</Alert>
      </>
    );
  }
  const period = parsed.data;
  const days = periodFromSearch(sp).days;
  const [{ summary, daily }, agents] = await Promise.all([getConversationMetrics(member.tenant, period), getAgentMetrics(member.tenant, period)]);
  const q = (extra: Record<string, string>) => new URLSearchParams({ ...(days ? { days: String(days) } : { from: period.from.toISOString(), to: period.to.toISOString() }), tz: period.timeZone, ...extra }).toString();

  const stats = [
    { label: 'Conversations opened', value: String(summary.opened), hint: `${summary.answered} answered` },
    { label: 'First response, median', value: formatMs(summary.firstResponseMedianMs), hint: 'from opening to first reply' },
    { label: 'First response, p90', value: formatMs(summary.firstResponseP90Ms), hint: '9 in 10 answered within' },
    { label: 'Reassigned', value: formatShare(summary.reassignedShare), hint: `${summary.reassignedConversations} of ${summary.opened} conversations` },
    { label: 'Reassignments', value: String(summary.reassignments), hint: 'in the period' },
    { label: 'Time to reassignment', value: formatMs(summary.timeToReassignMedianMs), hint: `median; p90 ${formatMs(summary.timeToReassignP90Ms)}` },
  ];

  return (
    <>
      {header}
      <RunsTabs />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Period" className="flex gap-1">
          {PERIODS.map((d) => (
            <Link
              key={d}
              href={`/runs/metrics?${new URLSearchParams({ days: String(d), tz: period.timeZone })}`}
              aria-current={days === d ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ${days === d ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50'}`}
            >
              Last {d} days
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-slate-500">Days in {period.timeZone}</span>
          <a href={`/api/internal/runs/metrics-export?${q({ table: 'daily' })}`} className="text-brand-700 hover:underline" download>
            Export days (CSV)
          </a>
          <a href={`/api/internal/runs/metrics-export?${q({ table: 'agents' })}`} className="text-brand-700 hover:underline" download>
            Export agents (CSV)
          </a>
        </div>
      </div>
      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`metric-${s.label}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{s.value}</dd>
            <dd className="text-xs text-slate-500">{s.hint}</dd>
          </div>
        ))}
      </dl>
      {summary.opened === 0 && summary.reassignments === 0 ? (
        <EmptyState title="Nothing happened in this period">
          Metrics fill in as conversations arrive. Pick a longer period above, or connect a channel in <Link href="/settings" className="text-brand-700 underline hover:text-brand-600">Settings</Link> so customer messages reach Baton.
        </EmptyState>
      ) : (
        <DailyCharts daily={daily} />
      )}
      <Card className="mt-6">
        <CardHeader
          title="Agents"
          description="Open now is today's load; the rest counts the period. Online hours come from every availability change in the period."
        />
        <div className="p-4">
          <AgentCharts agents={agents} />
          <table className="mt-4 min-w-full text-sm" aria-label="Agents">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3">Agent</th>
                <th className="py-1 pr-3">Now</th>
                <th className="py-1 pr-3 text-right">Open now</th>
                <th className="py-1 pr-3 text-right">Assignments</th>
                <th className="py-1 pr-3 text-right">Reassigned away</th>
                <th className="py-1 pr-3 text-right">Reassigned to them</th>
                <th className="py-1 pr-3 text-right">Online hours</th>
                <th className="py-1 text-right">Assignments / online hour</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.map((a) => (
                <tr key={a.userId}>
                  <td className="py-1 pr-3 font-medium text-slate-900">{a.name}</td>
                  <td className="py-1 pr-3 text-slate-600">{a.availability}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{a.openNow}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{a.assignments}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{a.reassignedAway}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{a.reassignedTo}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{a.onlineHours.toFixed(1)}</td>
                  <td className="py-1 text-right tabular-nums">{a.assignmentsPerOnlineHour === null ? '–' : a.assignmentsPerOnlineHour.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <SlaAttainmentSection tenant={member.tenant} period={period} exportQuery={q} />
    </>
  );
}

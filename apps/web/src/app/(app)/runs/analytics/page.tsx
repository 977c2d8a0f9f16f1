import Link from 'next/link';
import { findWorkflow, getStepAnalytics, getWorkflowVersion, isUuid, listWorkflows, loadCatalog } from '@baton/db';
import { stepOutputs, workflowDefinitionSchema } from '@baton/engine';
import { getMemberAccess } from '@/server/auth';
import { periodFromSearch, type SearchParams } from '@/server/runs/search-params';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, CardHeader } from '@/components/ui/card';
import { RunsTabs } from '@/components/runs/runs-tabs';
import { PathCanvas } from '@/components/runs/path-canvas';
import { outputLabel } from '@/components/runs/path-graph';

const PERIODS = [1, 7, 30, 90] as const;

export default async function StepAnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { member, allowed } = await getMemberAccess('runs.view');
  const header = <PageHeader title="Step analytics" description="Per step of a workflow: how many runs reached it, and which way they left it." />;
  if (!allowed) {
    return (
      <>
        {header}
        <NoAccess what="workflow analytics" />
      </>
    );
  }
  const sp = await searchParams;
  const t = member.tenant;
  const workflows = await listWorkflows(t);
  const wanted = typeof sp.workflow === 'string' && isUuid(sp.workflow) ? sp.workflow : undefined;
  const selected = workflows.find((w) => w.id === wanted) ?? workflows.find((w) => w.status === 'published') ?? workflows[0];
  if (!selected) {
    return (
      <>
        {header}
        <RunsTabs />
        <EmptyState title="No workflows yet">
          <Link href="/workflows" className="text-brand-700 underline hover:text-brand-600">Create and publish a workflow</Link>; its step counts show here once it has runs.
        </EmptyState>
      </>
    );
  }
  const period = periodFromSearch(sp, 7);
  const [analytics, row, catalog] = await Promise.all([
    getStepAnalytics(t, { workflowId: selected.id, from: period.from, to: period.to }),
    findWorkflow(t, selected.id),
    loadCatalog(t),
  ]);
  // Drawn on the published version (what runs execute now); a never-published workflow
  // shows its draft. Older versions' steps still count if their ids survive.
  const source = row.publishedVersionId ? (await getWorkflowVersion(t, row.id, row.publishedVersionId)).definition : row.draftDefinition;
  const parsed = workflowDefinitionSchema.safeParse(source);
  const definition = parsed.success ? parsed.data : null;
  const byStep = Object.fromEntries(analytics.steps.map((s) => [s.stepId, { runsReached: s.runsReached, outputs: s.outputs }]));
  // Every step of the drawn version in its order, reached or not, then any step only older
  // versions had; every output of a step, taken or not, so a zero is visible.
  const rows = [
    ...(definition ? [definition.trigger, ...definition.steps] : []).map((node) => {
      const a = analytics.steps.find((s) => s.stepId === node.id);
      const handles = node.type === 'trigger' ? ['next'] : stepOutputs(node);
      return {
        stepId: node.id,
        stepType: node.type,
        runsReached: a?.runsReached ?? 0,
        outputs: Object.fromEntries([...handles, ...Object.keys(a?.outputs ?? {})].map((h) => [h, a?.outputs[h] ?? 0])),
      };
    }),
    ...analytics.steps.filter((s) => !definition || (s.stepId !== definition.trigger.id && !definition.steps.some((d) => d.id === s.stepId))),
  ];
  const stepName = (id: string) => {
    if (!definition) return id;
    if (id === definition.trigger.id) return 'Trigger';
    return definition.steps.find((s) => s.id === id)?.name ?? id;
  };
  const link = (extra: Record<string, string>) => `/runs/analytics?${new URLSearchParams({ workflow: selected.id, days: String(period.days ?? 7), ...extra })}`;

  return (
    <>
      {header}
      <RunsTabs />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <form method="get" action="/runs/analytics" className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Workflow
            <select name="workflow" defaultValue={selected.id} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm">
              {workflows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.status})
                </option>
              ))}
            </select>
          </label>
          <input type="hidden" name="days" value={String(period.days ?? 7)} />
          <button type="submit" className="rounded-md bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
            Show
          </button>
        </form>
        <nav aria-label="Period" className="flex gap-1">
          {PERIODS.map((d) => (
            <Link
              key={d}
              href={link({ days: String(d) })}
              aria-current={period.days === d ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ${period.days === d ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50'}`}
            >
              {d === 1 ? 'Last 24 hours' : `Last ${d} days`}
            </Link>
          ))}
        </nav>
      </div>
      {analytics.runs === 0 ? (
        <EmptyState title="No runs of this workflow in the period">
          Pick a longer period, or check on the <Link href={`/workflows/${selected.id}`} className="text-brand-700 underline hover:text-brand-600">workflow</Link> that it is published and its trigger matches your
          conversations.
        </EmptyState>
      ) : (
        <>
          <Card className="mb-6">
            <CardHeader title={`${analytics.runs} ${analytics.runs === 1 ? 'run' : 'runs'} started`} description="Numbers on steps: runs that reached them. Numbers on arrows: times that output was taken." />
            <div className="p-3">{definition ? <PathCanvas definition={definition} steps={[]} analytics={byStep} catalog={catalog} height={600} /> : null}</div>
          </Card>
          <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm" aria-label="Step analytics">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">Step</th>
                <th className="px-3 py-2 text-right">Runs reached</th>
                <th className="px-3 py-2 text-right">Share of runs</th>
                <th className="px-3 py-2">Outputs taken</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((s) => (
                <tr key={s.stepId} data-testid={`analytics-${s.stepId}`}>
                  <td className="px-3 py-2">
                    <span className="text-xs uppercase text-slate-500">{s.stepType}</span> <span className="font-medium">{stepName(s.stepId)}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{s.runsReached}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{Math.round((s.runsReached / analytics.runs) * 100)}%</td>
                  <td className="px-3 py-2 text-slate-700">
                    {Object.entries(s.outputs)
                      .map(([handle, n]) => `${outputLabel(definition, s.stepId, handle)}: ${n}`)
                      .join(' · ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

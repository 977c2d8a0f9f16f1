import Link from 'next/link';
import { listMembers, listRuns, listWorkflows } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { runFiltersFromSearch, type SearchParams } from '@/server/runs/search-params';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { NoAccess } from '@/components/shell/no-access';
import { RunsTabs } from '@/components/runs/runs-tabs';
import { RunsFilters } from '@/components/runs/runs-filters';
import { RunsTable } from '@/components/runs/runs-table';
import { AutoRefresh } from '@/components/runs/auto-refresh';

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { member, allowed } = await getMemberAccess('runs.view');
  const header = <PageHeader title="Runs" description="Every workflow run: where it is, what it decided, and what it waits for." actions={allowed ? <AutoRefresh /> : null} />;
  if (!allowed) {
    return (
      <>
        {header}
        <NoAccess what="workflow runs" />
      </>
    );
  }
  const sp = await searchParams;
  const filters = runFiltersFromSearch(sp);
  const t = member.tenant;
  const [runs, workflows, members] = await Promise.all([listRuns(t, filters), listWorkflows(t), listMembers(t)]);
  const filtered = Boolean(filters.workflowId || filters.agentId || filters.statusList.length || filters.from || filters.to);
  const last = runs.at(-1);
  const olderHref = (() => {
    if (!last || runs.length < 50) return null;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(sp)) for (const x of [v].flat()) if (x && k !== 'before') q.append(k, x);
    q.set('before', last.startedAt.toISOString());
    return `/runs?${q}`;
  })();

  return (
    <>
      {header}
      <RunsTabs />
      <RunsFilters
        workflows={workflows.map((w) => ({ id: w.id, name: w.name }))}
        agents={members.map((m) => ({ id: m.userId, name: m.name }))}
        value={{
          workflow: filters.workflowId,
          agent: filters.agentId,
          status: filters.statusList,
          from: typeof sp.from === 'string' ? sp.from : undefined,
          to: typeof sp.to === 'string' ? sp.to : undefined,
        }}
      />
      {runs.length === 0 ? (
        filtered ? (
          <EmptyState title="No runs match these filters">
            Widen the time range or clear a filter. <Link href="/runs" className="text-brand-700 underline hover:text-brand-600">Show all runs</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            A run starts when a published workflow&apos;s trigger fires — for example when a customer writes in.{' '}
            <Link href="/workflows" className="text-brand-700 underline hover:text-brand-600">Publish a workflow</Link> and send a test message to your channel.
          </EmptyState>
        )
      ) : (
        <>
          <RunsTable runs={runs} />
          {olderHref ? (
            <div className="mt-3 text-right">
              <Link href={olderHref} className="text-sm text-brand-700 hover:underline">
                Older runs →
              </Link>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

import Link from 'next/link';
import { listQueues } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { NoAccess } from '@/components/shell/no-access';
import { RunsTabs } from '@/components/runs/runs-tabs';
import { QueueBoard } from '@/components/runs/queue-board';
import { AutoRefresh } from '@/components/runs/auto-refresh';

export default async function QueuePage() {
  const { member, allowed } = await getMemberAccess('runs.view');
  const header = (
    <PageHeader
      title="Queues"
      description="Conversations waiting for someone in a team to become available, oldest first. The first one goes to the next agent who comes online or has room."
      actions={allowed ? <AutoRefresh /> : null}
    />
  );
  if (!allowed) {
    return (
      <>
        {header}
        <NoAccess what="workflow runs" />
      </>
    );
  }
  const entries = await listQueues(member.tenant);
  return (
    <>
      {header}
      <RunsTabs />
      {entries.length === 0 ? (
        <EmptyState title="No one is waiting">
          A conversation waits here when an Assign step with “If no one is available: wait in the queue” finds nobody. See{' '}
          <Link href="/workflows" className="text-brand-700 hover:underline">
            workflows
          </Link>
          .
        </EmptyState>
      ) : (
        <QueueBoard entries={entries} />
      )}
    </>
  );
}

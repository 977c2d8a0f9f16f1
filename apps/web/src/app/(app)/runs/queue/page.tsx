import Link from 'next/link';
import { listQueues } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { EmptyState } from '@/components/ui/empty-state';
import { RunsSection } from '@/components/runs/runs-section';
import { QueueBoard } from '@/components/runs/queue-board';

export default async function QueuePage() {
  const { member, allowed } = await getMemberAccess('runs.view');
  const page = {
    title: 'Queues',
    description:
      'Conversations waiting for someone in a team to become available, oldest first. The first one goes to the next agent who comes online or has room.',
  };
  if (!allowed) {
    return <RunsSection {...page} noAccess="workflow runs" />;
  }
  const entries = await listQueues(member.tenant);
  return (
    <RunsSection {...page} live>
      {entries.length === 0 ? (
        <EmptyState title="No one is waiting">
          A conversation waits here when an Assign step with “If no one is available: wait in the queue” finds nobody. See{' '}
          <Link href="/workflows" className="text-brand-700 underline">
            workflows
          </Link>
          .
        </EmptyState>
      ) : (
        <QueueBoard entries={entries} />
      )}
    </RunsSection>
  );
}

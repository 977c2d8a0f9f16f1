import Link from 'next/link';
import { listPendingTimers } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { EmptyState } from '@/components/ui/empty-state';
import { RunsSection } from '@/components/runs/runs-section';
import { TimersBoard } from '@/components/runs/timers-board';

export default async function TimersPage() {
  const { member, allowed } = await getMemberAccess('runs.view');
  const page = {
    title: 'Pending timers',
    description: "Runs waiting on a timer, soonest first. Times are in your time zone. Firing or cancelling is recorded in the run's log with your name.",
  };

  if (!allowed) {
    return <RunsSection {...page} noAccess="workflow runs" />;
  }
  const timers = await listPendingTimers(member.tenant);
  return (
    <RunsSection {...page} live>
      {timers.length === 0 ? (
        <EmptyState title="No timers pending">
          A timer appears here when a run reaches a Wait step, for example “wait 15 minutes for a reply”. See <Link href="/runs" className="text-brand-700 underline hover:text-brand-600">all runs</Link>, or add a
          Wait step to a <Link href="/workflows" className="text-brand-700 underline hover:text-brand-600">workflow</Link>.
        </EmptyState>
      ) : (
        <TimersBoard timers={timers} />
      )}
    </RunsSection>
  );
}

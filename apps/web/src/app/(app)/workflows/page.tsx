import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { NoAccess } from '@/components/shell/no-access';

// Placeholder until the workflows feature lands.
export default async function WorkflowsPage() {
  const { allowed } = await getMemberAccess('workflows.view');
  return (
    <>
      <PageHeader title="Workflows" description="Decide who gets each conversation, and what happens when nobody answers." />
      {allowed ? (
        <EmptyState title="No workflows yet">
          Create a workflow to assign new conversations to a team and reassign them when an agent doesn&apos;t reply in time.
        </EmptyState>
      ) : (
        <NoAccess what="workflows" />
      )}
    </>
  );
}

import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { NoAccess } from '@/components/shell/no-access';

// Placeholder until the runs feature lands.
export default async function RunsPage() {
  const { allowed } = await getMemberAccess('runs.view');
  return (
    <>
      <PageHeader title="Runs" description="Every workflow run, step by step." />
      {allowed ? (
        <EmptyState title="No runs yet">
          Runs appear here when a published workflow is triggered by a conversation.
        </EmptyState>
      ) : (
        <NoAccess what="workflow runs" />
      )}
    </>
  );
}

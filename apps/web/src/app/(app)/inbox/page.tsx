import { requireMember } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';

// Placeholder until the conversations feature lands.
export default async function InboxPage() {
  await requireMember('conversations.viewOwn');
  return (
    <>
      <PageHeader title="Inbox" description="Conversations assigned to you and your teams." />
      <EmptyState title="No conversations yet">
        Send a customer message to your channel and it will show up here, assigned to an available agent.
      </EmptyState>
    </>
  );
}

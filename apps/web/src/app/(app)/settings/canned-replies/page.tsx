import type { Metadata } from 'next';
import { cannedReplyVariables } from '@baton/engine';
import { listCannedReplies } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { CannedRepliesManager } from './canned-replies-manager';

export const metadata: Metadata = { title: 'Canned replies · Baton' };

export default async function CannedRepliesPage() {
  const { member, allowed } = await getMemberAccess('contacts.configure');
  if (!allowed) return <NoAccess what="canned replies" />;
  const replies = await listCannedReplies(member.tenant);
  return (
    <SettingsSubpage
      title="Canned replies"
      description="Snippets agents insert in the inbox composer by typing / and the shortcut. Variables are filled from the conversation."
    >
      <CannedRepliesManager replies={replies} variables={[...cannedReplyVariables]} />
    </SettingsSubpage>
  );
}

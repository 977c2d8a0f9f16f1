import type { Metadata } from 'next';
import Link from 'next/link';
import { cannedReplyVariables } from '@baton/engine';
import { listCannedReplies } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { CannedRepliesManager } from './canned-replies-manager';

export const metadata: Metadata = { title: 'Canned replies · Baton' };

export default async function CannedRepliesPage() {
  const { member, allowed } = await getMemberAccess('contacts.configure');
  if (!allowed) return <NoAccess what="canned replies" />;
  const replies = await listCannedReplies(member.tenant);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-slate-500 hover:text-slate-800">
          ← Settings
        </Link>
      </p>
      <PageHeader title="Canned replies" description="Snippets agents insert in the inbox composer by typing / and the shortcut. Variables are filled from the conversation." />
      <CannedRepliesManager replies={replies} variables={[...cannedReplyVariables]} />
    </>
  );
}

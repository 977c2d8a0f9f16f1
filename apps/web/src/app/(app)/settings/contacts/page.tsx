import type { Metadata } from 'next';
import Link from 'next/link';
import { loadContactDefinitions } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { ContactSettingsManager } from './contact-settings-manager';

export const metadata: Metadata = { title: 'Contact fields & tags · Baton' };

export default async function ContactSettingsPage() {
  const { member, allowed } = await getMemberAccess('contacts.configure');
  if (!allowed) return <NoAccess what="contact field settings" />;
  const defs = await loadContactDefinitions(member.tenant);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-slate-500 hover:text-slate-800">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Contact fields & tags"
        description="What agents fill in on a contact, what the API may send (contact.fields, contact.tags), and what workflows set and route on."
      />
      <ContactSettingsManager fields={defs.fields} tags={defs.tags} />
    </>
  );
}

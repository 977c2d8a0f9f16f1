import type { Metadata } from 'next';
import { loadContactDefinitions } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { ContactSettingsManager } from './contact-settings-manager';

export const metadata: Metadata = { title: 'Contact fields & tags · Baton' };

export default async function ContactSettingsPage() {
  const { member, allowed } = await getMemberAccess('contacts.configure');
  if (!allowed) return <NoAccess what="contact field settings" />;
  const defs = await loadContactDefinitions(member.tenant);
  return (
    <SettingsSubpage
      title="Contact fields & tags"
      description="What agents fill in on a contact, what the API may send (contact.fields, contact.tags), and what workflows set and route on."
    >
      <ContactSettingsManager fields={defs.fields} tags={defs.tags} />
    </SettingsSubpage>
  );
}

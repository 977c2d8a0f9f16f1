import type { Metadata } from 'next';
import { API_KEY_SCOPES, API_KEY_SCOPE_LABELS, can, listApiKeys, type Action } from '@baton/db';
import { requireMember } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { SettingsLink } from '@/components/settings/settings-link';
import { WorkspaceCard } from './workspace-card';
import { ApiKeysCard } from './api-keys-card';

export const metadata: Metadata = { title: 'Settings · Baton' };

// The pages below Settings, in the order shown; each needs its permission to appear.
const pages: {
  href: string;
  title: string;
  description: string;
  testId?: string;
  permission?: Action;
}[] = [
  {
    href: '/settings/business-hours',
    title: 'Business hours & time zones',
    description:
      'Workspace time zone, opening hours per team with holidays, and your own display zone.',
    testId: 'settings-business-hours',
  },
  {
    href: '/settings/sla',
    title: 'SLA policies',
    description:
      'First response, next response and resolution targets, in business or calendar time, with a warning before a breach.',
    testId: 'settings-sla',
  },
  {
    href: '/settings/channels',
    title: 'Channels',
    description: 'Connect messaging sources: ids, signing secrets, outbound URLs, test messages.',
    permission: 'channels.manage',
  },
  {
    href: '/settings/secrets',
    title: 'Secrets',
    description: 'API tokens for HTTP request steps, stored encrypted and never shown again.',
    permission: 'secrets.manage',
  },
  {
    href: '/settings/webhooks',
    title: 'Event webhooks',
    description:
      'Send conversation, message and run events to other systems: subscriptions, signing secrets, delivery log.',
    permission: 'webhooks.manage',
  },
  {
    href: '/settings/contacts',
    title: 'Contact fields & tags',
    description: 'Fields and tags agents set on contacts, the API sends and workflows route on.',
    testId: 'settings-contacts-link',
    permission: 'contacts.configure',
  },
  {
    href: '/settings/canned-replies',
    title: 'Canned replies',
    description: 'Snippets with variables agents insert in the reply box by typing /.',
    testId: 'settings-canned-replies-link',
    permission: 'contacts.configure',
  },
];

export default async function SettingsPage() {
  const m = await requireMember();
  const manageWorkspace = can(m.membership.role, 'workspace.manage');
  const manageKeys = can(m.membership.role, 'apiKeys.manage');
  const keys = manageKeys ? await listApiKeys(m.tenant) : [];
  return (
    <>
      <PageHeader title="Settings" description="Workspace details and integrations." />
      <div className="space-y-6">
        <WorkspaceCard name={m.workspace.name} canManage={manageWorkspace} />
        {manageKeys ? (
          <ApiKeysCard
            scopes={API_KEY_SCOPES.map((scope) => ({ scope, label: API_KEY_SCOPE_LABELS[scope] }))}
            keys={keys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: k.prefix,
              scopes: k.scopes,
              createdByName: k.createdByName,
              createdAt: k.createdAt.toISOString(),
              lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
              revokedAt: k.revokedAt?.toISOString() ?? null,
            }))}
          />
        ) : null}
        {pages
          .filter((p) => !p.permission || can(m.membership.role, p.permission))
          .map((p) => (
            <SettingsLink
              key={p.href}
              href={p.href}
              title={p.title}
              description={p.description}
              testId={p.testId}
            />
          ))}
      </div>
    </>
  );
}

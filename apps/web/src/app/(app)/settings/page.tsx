import type { Metadata } from 'next';
import { can, listApiKeys } from '@baton/db';
import { requireMember } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { WorkspaceCard } from './workspace-card';
import { ApiKeysCard } from './api-keys-card';

export const metadata: Metadata = { title: 'Settings · Baton' };

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
            keys={keys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: k.prefix,
              createdByName: k.createdByName,
              createdAt: k.createdAt.toISOString(),
              lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
              revokedAt: k.revokedAt?.toISOString() ?? null,
            }))}
          />
        ) : null}
        {/* Channels section: owned by the channels feature, which renders its card here. */}
      </div>
    </>
  );
}

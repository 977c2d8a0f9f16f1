import type { Metadata } from 'next';
import { listWorkspaceSecrets } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { SecretsManager } from './secrets-manager';

export const metadata: Metadata = { title: 'Secrets · Baton' };

export default async function SecretsPage() {
  const { member, allowed } = await getMemberAccess('secrets.manage');
  if (!allowed) return <NoAccess what="secrets" />;
  const secrets = await listWorkspaceSecrets(member.tenant);
  return (
    <SettingsSubpage
      title="Secrets"
      description="API tokens and passwords for HTTP request steps, used as {{secret.NAME}} in a URL, a header or a body. Stored encrypted; values are never shown again."
    >
      <SecretsManager
        secrets={secrets.map((s) => ({ name: s.name, updatedAt: s.updatedAt.toISOString() }))}
      />
    </SettingsSubpage>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { listWorkspaceSecrets } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { SecretsManager } from './secrets-manager';

export const metadata: Metadata = { title: 'Secrets · Baton' };

export default async function SecretsPage() {
  const { member, allowed } = await getMemberAccess('secrets.manage');
  if (!allowed) return <NoAccess what="secrets" />;
  const secrets = await listWorkspaceSecrets(member.tenant);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-slate-500 hover:text-slate-800">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Secrets"
        description="API tokens and passwords for HTTP request steps, used as {{secret.NAME}} in a URL, a header or a body. Stored encrypted; values are never shown again."
      />
      <SecretsManager secrets={secrets.map((s) => ({ name: s.name, updatedAt: s.updatedAt.toISOString() }))} />
    </>
  );
}

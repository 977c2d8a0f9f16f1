import type { Metadata } from 'next';
import Link from 'next/link';
import { listChannels, listSlaPolicies, listTeams } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { SlaPoliciesManager } from './sla-policies-manager';

export const metadata: Metadata = { title: 'SLA policies · Baton' };

export default async function SlaPoliciesPage() {
  const { member, allowed } = await getMemberAccess('workspace.manage');
  const back = (
    <p className="mb-2 text-sm">
      <Link href="/settings" className="text-slate-500 hover:text-slate-800">
        ← Settings
      </Link>
    </p>
  );
  if (!allowed) {
    return (
      <>
        {back}
        <NoAccess what="SLA policies" />
      </>
    );
  }
  const [policies, teams, channels] = await Promise.all([listSlaPolicies(member.tenant), listTeams(member.tenant), listChannels(member.tenant)]);
  return (
    <>
      {back}
      <PageHeader
        title="SLA policies"
        description="Targets for first response, next response and resolution. The first policy whose conditions match a conversation applies; its clocks pause outside the chosen hours, warn at the warning share and start workflows on “SLA warning” and “SLA breached”."
      />
      <SlaPoliciesManager
        policies={policies}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        channels={channels.map((c) => ({ id: c.id, name: c.name }))}
      />
    </>
  );
}

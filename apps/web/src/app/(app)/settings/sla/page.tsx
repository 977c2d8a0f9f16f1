import type { Metadata } from 'next';
import { listChannels, listSlaPolicies, listTeams } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { SlaPoliciesManager } from './sla-policies-manager';

export const metadata: Metadata = { title: 'SLA policies · Baton' };

export default async function SlaPoliciesPage() {
  const { member, allowed } = await getMemberAccess('workspace.manage');
  if (!allowed) {
    return (
      <SettingsSubpage title="SLA policies">
        <NoAccess what="SLA policies" />
      </SettingsSubpage>
    );
  }
  const [policies, teams, channels] = await Promise.all([listSlaPolicies(member.tenant), listTeams(member.tenant), listChannels(member.tenant)]);
  return (
    <SettingsSubpage
      title="SLA policies"
      description="Targets for first response, next response and resolution. The first policy whose conditions match a conversation applies; its clocks pause outside the chosen hours, warn at the warning share and start workflows on “SLA warning” and “SLA breached”."
    >
      <SlaPoliciesManager
        policies={policies}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        channels={channels.map((c) => ({ id: c.id, name: c.name }))}
      />
    </SettingsSubpage>
  );
}

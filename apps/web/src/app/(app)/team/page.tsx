import type { Metadata } from 'next';
import { can, getUserTimeZone, getQueueAlertMinutes, getWorkspaceAwayHandOn, getWorkspaceCapacity, listInvitations, listMemberLoads, listMembers, listTeams, loadWorkspaceCalendar } from '@baton/db';
import { requireMember } from '@/server/auth';
import { getDb } from '@/server/db';
import { teamOpeningStatus } from '@/server/business-time/opening-status';
import { PageHeader } from '@/components/shell/page-header';
import { MembersCard } from './members-card';
import { InvitationsCard } from './invitations-card';
import { TeamsCard } from './teams-card';
import { CapacityCard } from './capacity-card';

export const metadata: Metadata = { title: 'Team · Baton' };

export default async function TeamPage() {
  const m = await requireMember();
  const manageMembers = can(m.membership.role, 'members.manage');
  const manageTeams = can(m.membership.role, 'teams.manage');
  const [members, teams, invitations, calendar, myZone, loads, defaultMaxOpen, awayHandOn, queueAlertMinutes] = await Promise.all([
    listMembers(m.tenant),
    listTeams(m.tenant),
    manageMembers ? listInvitations(m.tenant) : Promise.resolve([]),
    loadWorkspaceCalendar(m.tenant),
    getUserTimeZone(getDb(), m.user.id),
    listMemberLoads(m.tenant),
    getWorkspaceCapacity(m.tenant),
    getWorkspaceAwayHandOn(m.tenant),
    getQueueAlertMinutes(m.tenant),
  ]);
  const loadOf = new Map(loads.map((l) => [l.userId, l]));
  const now = Date.now();
  const displayZone = myZone ?? calendar.timeZone;
  return (
    <>
      <PageHeader
        title="Team"
        description={
          manageMembers
            ? 'Invite people, set their roles, and group them into teams that workflows can assign to.'
            : 'Who is in this workspace and on which teams. Only admins can make changes.'
        }
      />
      <div className="space-y-6">
        <MembersCard
          viewer={{ userId: m.user.id, role: m.membership.role }}
          canManage={manageMembers}
          canSetCapacity={manageTeams}
          members={members.map((x) => ({
            userId: x.userId,
            name: x.name,
            email: x.email,
            role: x.role,
            availability: x.availability,
            lastSeenAt: x.lastSeenAt?.toISOString() ?? null,
            teams: x.teams.map((t) => t.name),
            skills: x.skills,
            openCount: loadOf.get(x.userId)?.openCount ?? 0,
            capacity: loadOf.get(x.userId)?.capacity ?? null,
            capacityOverride: loadOf.get(x.userId)?.capacityOverride ?? null,
          }))}
        />
        {manageMembers ? (
          <InvitationsCard
            viewerRole={m.membership.role}
            invitations={invitations.map((i) => ({
              id: i.id,
              email: i.email,
              role: i.role,
              invitedByName: i.invitedByName,
              expiresAt: i.expiresAt.toISOString(),
            }))}
          />
        ) : null}
        <CapacityCard
          canManage={manageTeams}
          defaultMaxOpen={defaultMaxOpen}
          awayHandOn={awayHandOn}
          queueAlertMinutes={queueAlertMinutes}
          teams={teams.map((t) => ({ id: t.id, name: t.name, maxOpen: t.maxOpen, awayHandOn: t.awayHandOn }))}
        />
        <TeamsCard
          canManage={manageTeams}
          teams={teams.map((t) => ({ id: t.id, name: t.name, members: t.members, hours: teamOpeningStatus(calendar, t.id, now, displayZone) }))}
          members={members.map((x) => ({ userId: x.userId, name: x.name }))}
        />
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { getUserTimeZone, listSchedules } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { getDb } from '@/server/db';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { TimeZoneCard } from './time-zone-card';
import { ScheduleEditor, type EditableSchedule } from './schedule-editor';

export const metadata: Metadata = { title: 'Business hours · Baton' };

export default async function BusinessHoursPage() {
  const { member, allowed } = await getMemberAccess('workspace.manage');
  const myZone = await getUserTimeZone(getDb(), member.user.id);
  if (!allowed) {
    return (
      <SettingsSubpage title="Business hours" description="Time zone, opening hours and holidays.">
        <div className="space-y-6">
          <TimeZoneCard workspaceZone={null} myZone={myZone} />
          <NoAccess what="business hours" />
        </div>
      </SettingsSubpage>
    );
  }
  const data = await listSchedules(member.tenant);
  const edit = (s: (typeof data)['workspace']): EditableSchedule | null =>
    s ? { timeZone: s.timeZone, weekly: s.weekly, holidays: s.holidays.map((h) => ({ ...h, to: h.to ?? '' })) } : null;
  return (
    <SettingsSubpage
      title="Business hours"
      description="The workspace time zone, opening hours and holidays. Workflows use them in Date & time branches, Wait until, and waits counted in business time."
    >
      <div className="space-y-6">
        <TimeZoneCard workspaceZone={data.timeZone} myZone={myZone} />
        <ScheduleEditor
          workspaceZone={data.timeZone}
          targets={[
            { teamId: null, name: 'Workspace default', schedule: edit(data.workspace) },
            ...data.teams.map((t) => ({ teamId: t.id, name: t.name, schedule: edit(t.schedule) })),
          ]}
        />
      </div>
    </SettingsSubpage>
  );
}

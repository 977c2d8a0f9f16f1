import { getUserTimeZone, touchLastSeen } from '@baton/db';
import { getDb } from '@/server/db';
import { DisplayTimeZoneProvider } from '@/components/ui/display-time-zone';
import { requireMember } from '@/server/auth';
import { Logo } from '@/components/shell/logo';
import { NavLinks } from '@/components/shell/nav-links';
import { WorkspaceSwitcher } from '@/components/shell/workspace-switcher';
import { AvailabilityToggle } from '@/components/shell/availability-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { NotificationBell } from '@/components/shell/notification-bell';
import { ActivityHeartbeat } from '@/components/inbox/activity-heartbeat';

// Every page under the shell depends on the session and the active workspace.
export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const m = await requireMember();
  // Presence is best-effort: a failed write must not fail the page.
  await touchLastSeen(m.tenant, m.user.id).catch(() => {});
  const current = { workspaceId: m.workspace.id, name: m.workspace.name, role: m.membership.role };
  // The person's own display zone (Settings → Business hours); none set: the browser's.
  const displayZone = await getUserTimeZone(getDb(), m.user.id);
  // Around the whole shell, not just the page: the notification bell shows times too.
  return (
    <DisplayTimeZoneProvider zone={displayZone}>
      <div className="flex min-h-full">
        <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
          <div className="flex items-center justify-between px-4 pt-4 pb-3">
            <Logo />
            <NotificationBell />
          </div>
          <div className="px-2">
            <WorkspaceSwitcher
              current={current}
              workspaces={m.workspaces.map((w) => ({
                workspaceId: w.workspaceId,
                name: w.name,
                role: w.role,
              }))}
            />
          </div>
          <div className="mt-4 flex-1 overflow-y-auto px-2">
            <NavLinks />
          </div>
          <div className="space-y-2 border-t border-slate-200 p-2">
            <AvailabilityToggle availability={m.membership.availability} />
            <UserMenu
              name={m.user.name}
              email={m.user.email}
              availability={m.membership.availability}
            />
          </div>
        </aside>
        <ActivityHeartbeat />
        <main className="min-w-0 flex-1">
          <div className="mx-auto max-w-5xl px-8 py-8">{children}</div>
        </main>
      </div>
    </DisplayTimeZoneProvider>
  );
}

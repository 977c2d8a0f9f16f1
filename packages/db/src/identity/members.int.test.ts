import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import * as s from '../schema';
import { tenant } from '../tenancy/tenant';
import { setAvailability } from './set-availability';
import { getMembership } from './get-membership';
import { touchLastSeen } from './touch-last-seen';
import { listMembers } from './list-members';
import { updateMemberRole } from './update-member-role';
import { removeMember } from './remove-member';
import { listTeams } from './list-teams';

const handle = testDatabase();
afterAll(() => handle.close());

describe('availability', () => {
  it('persists and moves availability_changed_at only when the value changes', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice', availability: 'online' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const alice = ws.users.Alice!.id;
    await handle.db
      .update(s.memberships)
      .set({ availabilityChangedAt: sql`now() - interval '1 hour'` })
      .where(eq(s.memberships.userId, alice));
    const before = (await getMembership(t, alice))!.availabilityChangedAt;
    const away = await setAvailability(t, alice, 'away');
    expect(away.availability).toBe('away');
    expect(away.availabilityChangedAt.getTime()).toBeGreaterThan(before.getTime());
    const again = await setAvailability(t, alice, 'away');
    expect(again.availabilityChangedAt.getTime()).toBe(away.availabilityChangedAt.getTime());
    expect(await getMembership(t, alice)).toMatchObject({ availability: 'away' });
  });

  it('last seen is written at most once a minute', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Bob' }] });
    const t = tenant(handle.db, ws.workspaceId);
    expect(await touchLastSeen(t, ws.users.Bob!.id)).toBe(true);
    expect(await touchLastSeen(t, ws.users.Bob!.id)).toBe(false);
    expect((await getMembership(t, ws.users.Bob!.id))!.lastSeenAt).toBeInstanceOf(Date);
  });
});

describe('roles and removal', () => {
  it('lists members with roles, availability and team names', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [
        { name: 'Alice', role: 'owner' },
        { name: 'Bob', role: 'agent', availability: 'away' },
      ],
      teams: { Sales: ['Bob'], Support: ['Bob', 'Alice'] },
    });
    const members = await listMembers(tenant(handle.db, ws.workspaceId));
    expect(members.map((m) => [m.name, m.role, m.availability, m.teams.map((x) => x.name)])).toEqual([
      ['Alice', 'owner', 'online', ['Support']],
      ['Bob', 'agent', 'away', ['Sales', 'Support']],
    ]);
  });

  it('the last owner cannot be demoted or removed; with two owners one can', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [
        { name: 'Olga', role: 'owner' },
        { name: 'Ann', role: 'admin' },
      ],
    });
    const t = tenant(handle.db, ws.workspaceId);
    const olga = ws.users.Olga!.id;
    const ann = ws.users.Ann!.id;
    await expect(updateMemberRole(t, olga, 'admin', { by: 'owner' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(t, olga, { by: 'owner' })).rejects.toMatchObject({ code: 'conflict' });
    await updateMemberRole(t, ann, 'owner', { by: 'owner' });
    await updateMemberRole(t, olga, 'agent', { by: 'owner' });
    expect((await getMembership(t, olga))!.role).toBe('agent');
    await expect(updateMemberRole(t, ann, 'lead', { by: 'owner' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [
        { name: 'P', role: 'owner' },
        { name: 'Q', role: 'owner' },
      ],
    });
    const t = tenant(handle.db, ws.workspaceId);
    const results = await Promise.allSettled([
      updateMemberRole(t, ws.users.P!.id, 'agent', { by: 'owner' }),
      updateMemberRole(t, ws.users.Q!.id, 'agent', { by: 'owner' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listMembers(t)).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('an admin cannot demote or remove someone who became an owner after the admin looked (decided under the lock)', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [
        { name: 'Boss', role: 'owner' },
        { name: 'Adam', role: 'admin' },
        { name: 'Rising', role: 'agent' },
      ],
    });
    const t = tenant(handle.db, ws.workspaceId);
    const rising = ws.users.Rising!.id;
    // The admin's page showed Rising as an agent; meanwhile the owner promotes Rising.
    await updateMemberRole(t, rising, 'owner', { by: 'owner' });
    await expect(updateMemberRole(t, rising, 'agent', { by: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeMember(t, rising, { by: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getMembership(t, rising))!.role).toBe('owner');
    // Agents and admins are still the admin's to manage.
    await updateMemberRole(t, ws.users.Adam!.id, 'lead', { by: 'admin' });
  });

  it('removing a member takes them off the workspace and its teams', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Boss', role: 'owner' }, { name: 'Carl' }],
      teams: { Sales: ['Carl'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    await removeMember(t, ws.users.Carl!.id, { by: 'owner' });
    expect((await listMembers(t)).map((m) => m.name)).toEqual(['Boss']);
    expect((await listTeams(t))[0]!.members).toEqual([]);
    await expect(removeMember(t, ws.users.Carl!.id, { by: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

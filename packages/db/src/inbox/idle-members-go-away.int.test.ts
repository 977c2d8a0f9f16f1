import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { listMembers, markIdleMembersAway, setAvailability, tenant, touchLastSeen } from '../index';
import { createTestWorkspace, testDatabase } from '../testing';

const handle = testDatabase(3);
afterAll(() => handle.close());

describe('idle members go away', () => {
  it('sets online members with no sign of life for the idle time to away, and no one else', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Idle' }, { name: 'Active' }, { name: 'JustOnline' }, { name: 'Offline', availability: 'offline' }],
    });
    const t = tenant(handle.db, ws.workspaceId);
    const id = (n: string) => ws.users[n]!.id;
    // Everyone went online / was last seen 20 minutes ago …
    await handle.db.execute(
      sql`update memberships set availability_changed_at = now() - interval '20 minutes', last_seen_at = now() - interval '20 minutes' where workspace_id = ${ws.workspaceId}`,
    );
    // … except Active, who just did something, and JustOnline, who just switched to online.
    await handle.db.execute(sql`update memberships set last_seen_at = null where workspace_id = ${ws.workspaceId} and user_id = ${id('Active')}`);
    await touchLastSeen(t, id('Active'));
    await setAvailability(t, id('JustOnline'), 'away');
    await setAvailability(t, id('JustOnline'), 'online');

    const changed = await markIdleMembersAway(handle.db, 10 * 60_000);
    expect(changed.filter((c) => c.workspaceId === ws.workspaceId).map((c) => c.userId)).toEqual([id('Idle')]);
    const byName = Object.fromEntries((await listMembers(t)).map((m) => [m.name, m.availability]));
    expect(byName).toEqual({ Idle: 'away', Active: 'online', JustOnline: 'online', Offline: 'offline' });
    // A second sweep finds nothing more to do.
    expect((await markIdleMembersAway(handle.db, 10 * 60_000)).filter((c) => c.workspaceId === ws.workspaceId)).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { officeHours } from '@baton/engine';
import { sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createSlaPolicy } from '../sla/manage-sla-policies';
import { deleteSchedule, saveSchedule } from './save-schedule';
import { getWorkspaceTimeZone, setWorkspaceTimeZone } from './time-zones';

const handle = testDatabase(2);

// Drizzle wraps the driver's error ('canceling statement due to lock timeout') as its cause.
const lockTimedOut = (e: unknown) => /lock timeout/.test(`${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message ?? ''}`);
afterAll(() => handle.close());

/**
 * Issue #17, bad input / nothing saved half-way: new hours or a new zone and the request to
 * re-plan the SLA clocks counted in them are one change. Here the request cannot be written
 * (another transaction holds the workspace's request row; lock_timeout gives up): the schedule,
 * its deletion and the zone must not be saved either, or open clocks would stay due by the old hours.
 */
describe('a schedule change whose SLA re-planning request fails', () => {
  it('saves neither the schedule, its deletion nor the zone', { timeout: 30_000 }, async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }], teams: { Support: ['Admin'] } });
    const t = tenant(handle.db, ws.workspaceId);
    await setWorkspaceTimeZone(t, 'UTC');
    await createSlaPolicy(t, { name: 'Standard', conditions: {}, targets: { firstResponseSeconds: 600 }, businessHours: { type: 'workspace' }, warningPercent: 80 });
    await saveSchedule(t, { teamId: ws.teams.Support!, timeZone: null, weekly: officeHours('UTC').weekly, holidays: [] });

    const holder = await handle.pool.connect();
    try {
      await holder.query('begin');
      await holder.query(
        `insert into sla_recompute_requests (workspace_id) values ($1) on conflict (workspace_id) do update set requested_at = now()`,
        [ws.workspaceId],
      );
      const schedules = (tx: Parameters<Parameters<typeof handle.db.transaction>[0]>[0]) =>
        tx.execute<{ team: string | null }>(sql`select team_id as team from schedules where workspace_id = ${ws.workspaceId} order by team_id nulls first`);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '300ms'`);
        const tt = tenant(tx, ws.workspaceId);
        await expect(saveSchedule(tt, { teamId: null, timeZone: null, weekly: officeHours('UTC').weekly, holidays: [] })).rejects.toSatisfy(lockTimedOut);
        await expect(deleteSchedule(tt, ws.teams.Support!)).rejects.toSatisfy(lockTimedOut);
        await expect(setWorkspaceTimeZone(tt, 'Asia/Tokyo')).rejects.toSatisfy(lockTimedOut);
        // Still only the team schedule saved before, and the old zone.
        expect((await schedules(tx)).rows).toEqual([{ team: ws.teams.Support! }]);
        expect(await getWorkspaceTimeZone(tt)).toBe('UTC');
      });
      await holder.query('rollback');
    } finally {
      holder.release();
    }
  });
});

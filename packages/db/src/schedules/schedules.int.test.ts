import { afterAll, describe, expect, it } from 'vitest';
import { officeHours } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { loadWorkspaceCalendar } from './load-workspace-calendar.sql';
import { listSchedules } from './list-schedules';
import { deleteSchedule, saveSchedule } from './save-schedule';
import { setWorkspaceTimeZone } from './time-zones';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('schedules', () => {
  it('stores a default and a team schedule per workspace; a schedule without a zone follows the workspace', async () => {
    const a = await createTestWorkspace(handle.db, { members: [{ name: 'Ann', role: 'admin' }], teams: { Support: ['Ann'] } });
    const b = await createTestWorkspace(handle.db, { members: [{ name: 'Ben', role: 'admin' }], teams: { Other: ['Ben'] } });
    const ta = tenant(handle.db, a.workspaceId);
    await setWorkspaceTimeZone(ta, 'Europe/Berlin');
    const hours = officeHours('ignored');
    await saveSchedule(ta, { teamId: null, timeZone: null, weekly: hours.weekly, holidays: [{ name: 'Christmas', from: '2025-12-25', yearly: true }] });
    await saveSchedule(ta, { teamId: a.teams.Support!, timeZone: 'America/New_York', weekly: hours.weekly, holidays: [] });
    // Saved again: replaced, not duplicated.
    await saveSchedule(ta, { teamId: null, timeZone: null, weekly: { ...hours.weekly, sat: [{ start: '10:00', end: '12:00' }] }, holidays: [] });

    const calendar = await loadWorkspaceCalendar(ta);
    expect(calendar.timeZone).toBe('Europe/Berlin');
    expect(calendar.workspace).toMatchObject({ timeZone: 'Europe/Berlin', holidays: [] });
    expect(calendar.workspace!.weekly.sat).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(calendar.teams[a.teams.Support!]!.timeZone).toBe('America/New_York');
    expect((await listSchedules(ta)).teams.map((t) => [t.name, t.schedule?.timeZone])).toEqual([['Support', 'America/New_York']]);

    // Another workspace's team is not found, and nothing is written for it.
    await expect(saveSchedule(ta, { teamId: b.teams.Other!, timeZone: null, weekly: hours.weekly, holidays: [] })).rejects.toMatchObject({ code: 'not_found' });
    expect((await loadWorkspaceCalendar(tenant(handle.db, b.workspaceId))).teams).toEqual({});

    await deleteSchedule(ta, a.teams.Support!);
    expect((await loadWorkspaceCalendar(ta)).teams).toEqual({});
  });
});

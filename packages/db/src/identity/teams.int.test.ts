import { afterAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createTeam } from './create-team';
import { listTeams } from './list-teams';
import { renameTeam } from './rename-team';
import { deleteTeam } from './delete-team';
import { addTeamMember } from './add-team-member';
import { removeTeamMember } from './remove-team-member';

const handle = testDatabase();
afterAll(() => handle.close());

describe('teams', () => {
  it('create, add members (twice is fine), rename, remove a member, delete', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }, { name: 'Bob' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const team = await createTeam(t, '  Billing ');
    expect(team.name).toBe('Billing');
    await addTeamMember(t, team.id, ws.users.Bob!.id);
    await addTeamMember(t, team.id, ws.users.Alice!.id);
    await addTeamMember(t, team.id, ws.users.Alice!.id);
    expect((await listTeams(t))[0]!.members.map((m) => m.name)).toEqual(['Alice', 'Bob']);
    await renameTeam(t, team.id, 'Payments');
    await removeTeamMember(t, team.id, ws.users.Bob!.id);
    expect(await listTeams(t)).toEqual([
      expect.objectContaining({ name: 'Payments', members: [{ userId: ws.users.Alice!.id, name: 'Alice' }] }),
    ]);
    await deleteTeam(t, team.id);
    expect(await listTeams(t)).toEqual([]);
  });

  it('team names are unique within a workspace', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const t = tenant(handle.db, ws.workspaceId);
    await createTeam(t, 'Sales');
    const other = await createTeam(t, 'Support');
    await expect(createTeam(t, 'Sales')).rejects.toMatchObject({ code: 'conflict' });
    await expect(renameTeam(t, other.id, 'Sales')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a malformed id is not found, not a database error', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const t = tenant(handle.db, ws.workspaceId);
    await expect(deleteTeam(t, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

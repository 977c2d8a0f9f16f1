import { afterAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { getMembership } from './get-membership';
import { listMembers } from './list-members';
import { listTeams } from './list-teams';
import { renameTeam } from './rename-team';
import { deleteTeam } from './delete-team';
import { addTeamMember } from './add-team-member';
import { removeTeamMember } from './remove-team-member';
import { updateMemberRole } from './update-member-role';
import { removeMember } from './remove-member';
import { setAvailability } from './set-availability';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { authenticateApiKey } from './authenticate-api-key';
import { createInvitation } from './create-invitation';
import { listInvitations } from './list-invitations';
import { revokeInvitation } from './revoke-invitation';

const handle = testDatabase();
afterAll(() => handle.close());

async function twoWorkspaces() {
  const a = await createTestWorkspace(handle.db, { members: [{ name: 'AnnA', role: 'owner' }], teams: { Sales: ['AnnA'] } });
  const b = await createTestWorkspace(handle.db, {
    members: [
      { name: 'BobB', role: 'owner' },
      { name: 'BeaB', role: 'agent' },
    ],
    teams: { Sales: ['BobB'] },
  });
  return { a, b, ta: tenant(handle.db, a.workspaceId), tb: tenant(handle.db, b.workspaceId) };
}

describe("a workspace's tenant cannot reach another workspace's data", () => {
  it('teams: not listed, and rename/delete/add/remove are not_found', async () => {
    const { b, ta, tb } = await twoWorkspaces();
    const bTeam = b.teams.Sales!;
    expect((await listTeams(ta)).map((t) => t.id)).not.toContain(bTeam);
    await expect(renameTeam(ta, bTeam, 'Hijacked')).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteTeam(ta, bTeam)).rejects.toMatchObject({ code: 'not_found' });
    await expect(addTeamMember(ta, bTeam, b.users.BeaB!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeTeamMember(ta, bTeam, b.users.BobB!.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await listTeams(tb)).toEqual([
      expect.objectContaining({ name: 'Sales', members: [{ userId: b.users.BobB!.id, name: 'BobB' }] }),
    ]);
  });

  it("members: B's people are invisible to A and cannot be changed through A", async () => {
    const { a, b, ta, tb } = await twoWorkspaces();
    const bea = b.users.BeaB!.id;
    expect((await listMembers(ta)).map((m) => m.userId)).toEqual([a.users.AnnA!.id]);
    expect(await getMembership(ta, bea)).toBeNull();
    await expect(updateMemberRole(ta, bea, 'admin', { by: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeMember(ta, bea, { by: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(setAvailability(ta, bea, 'away')).rejects.toMatchObject({ code: 'not_found' });
    // A's team cannot take in B's member either.
    await expect(addTeamMember(ta, a.teams.Sales!, bea)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getMembership(tb, bea)).toMatchObject({ role: 'agent', availability: 'online' });
  });

  it("API keys: B's key is not listed by A and cannot be revoked through A", async () => {
    const { b, ta, tb } = await twoWorkspaces();
    const key = await createApiKey(tb, { name: 'B key', createdBy: b.users.BobB!.id });
    expect(await listApiKeys(ta)).toEqual([]);
    await expect(revokeApiKey(ta, key.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await authenticateApiKey(handle.db, key.plaintext)).toMatchObject({ workspaceId: tb.workspaceId, apiKeyId: key.id });
  });

  it("invitations: B's invitation is not listed by A and cannot be revoked through A", async () => {
    const { b, ta, tb } = await twoWorkspaces();
    const inv = await createInvitation(tb, { email: 'x-iso@example.test', role: 'agent', invitedBy: b.users.BobB!.id });
    expect(await listInvitations(ta)).toEqual([]);
    await expect(revokeInvitation(ta, inv.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listInvitations(tb)).map((i) => i.id)).toEqual([inv.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, canAssignRole, type Action, type Role } from './roles';

const expected: Record<Role, Action[]> = {
  owner: [...ACTIONS],
  admin: [...ACTIONS],
  lead: ['conversations.viewOwn', 'conversations.viewAll', 'runs.view', 'workflows.view'],
  agent: ['conversations.viewOwn'],
};

describe('roles', () => {
  for (const role of ROLES) {
    it(`${role} may do exactly its actions`, () => {
      const allowed = ACTIONS.filter((a) => can(role, a));
      expect(allowed.sort()).toEqual([...expected[role]].sort());
    });
  }

  it('only admins and owners manage workflows, teams, members and API keys', () => {
    for (const action of ['workflows.manage', 'teams.manage', 'members.manage', 'apiKeys.manage'] as const) {
      expect(ROLES.filter((r) => can(r, action))).toEqual(['owner', 'admin']);
    }
  });

  it('an unknown role may do nothing', () => {
    expect(can('guest' as Role, 'conversations.viewOwn')).toBe(false);
  });

  it('only owners make or unmake owners', () => {
    expect(canAssignRole('owner', 'agent', 'owner')).toBe(true);
    expect(canAssignRole('owner', 'owner', 'admin')).toBe(true);
    expect(canAssignRole('admin', 'agent', 'lead')).toBe(true);
    expect(canAssignRole('admin', 'agent', 'owner')).toBe(false);
    expect(canAssignRole('admin', 'owner', 'agent')).toBe(false);
    expect(canAssignRole('lead', 'agent', 'lead')).toBe(false);
  });
});

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  addTeamMember,
  canAssignRole,
  createInvitation,
  createTeam,
  deleteTeam,
  removeMember,
  removeTeamMember,
  renameTeam,
  revokeInvitation,
  ROLES,
  updateMemberRole,
  setMemberSkills,
  capacityTextSchema,
  setTeamCapacity,
  setMemberCapacity,
  setWorkspaceCapacity,
  awayHandOnSchema,
  setTeamAwayHandOn,
  setWorkspaceAwayHandOn,
  setQueueAlertMinutes,
  type Action,
} from '@baton/db';
import { requireMember, type MemberContext } from '@/server/auth';
import { fromError, invalid, ok, type ActionResult } from '@/server/auth/action-result';

// Each action: check the session and role, parse, call one data function, map the result.

const id = z.string().uuid();
const role = z.enum(ROLES);
const teamName = z.string().trim().min(1, { error: 'Give the team a name' }).max(60, { error: 'Keep it under 60 characters' });

const inviteSchema = z.object({
  email: z.string().trim().min(1, { error: 'Enter an email' }).pipe(z.email({ error: 'Enter a valid email address' })),
  role,
});

export async function inviteMember(formData: FormData): Promise<ActionResult<{ token: string; email: string }>> {
  return run('members.manage', async (m) => {
    const input = inviteSchema.parse(Object.fromEntries(formData));
    if (!canAssignRole(m.membership.role, 'agent', input.role)) {
      return { ok: false, error: 'Only owners can invite owners', fieldErrors: { role: 'Only owners can invite owners' } };
    }
    const inv = await createInvitation(m.tenant, { ...input, invitedBy: m.user.id });
    return ok({ token: inv.token, email: inv.email });
  });
}

export async function revokeInvitationAction(invitationId: string): Promise<ActionResult> {
  return run('members.manage', async (m) => {
    await revokeInvitation(m.tenant, id.parse(invitationId));
    return ok();
  });
}

export async function changeMemberRole(userId: string, newRole: string): Promise<ActionResult> {
  return run('members.manage', async (m) => {
    const to = role.parse(newRole);
    // Who may change whom is decided under the member's row lock, on the role read there.
    await updateMemberRole(m.tenant, id.parse(userId), to, { by: m.membership.role });
    return ok();
  });
}

/** Skills as typed on the Team page: comma-separated. */
export async function setMemberSkillsAction(userId: string, skills: string): Promise<ActionResult> {
  return run('members.manage', async (m) => {
    const list = z.string().max(2000).parse(skills).split(',').map((s) => s.trim()).filter(Boolean);
    await setMemberSkills(m.tenant, id.parse(userId), list);
    return ok();
  });
}

export async function removeMemberAction(userId: string): Promise<ActionResult> {
  return run('members.manage', async (m) => {
    if (userId === m.user.id) return { ok: false, error: "You can't remove yourself" };
    // Only owners remove owners: decided under the member's row lock, on the role read there.
    await removeMember(m.tenant, id.parse(userId), { by: m.membership.role });
    return ok();
  });
}

export async function createTeamAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ name: teamName }).parse(Object.fromEntries(formData));
    await createTeam(m.tenant, input.name);
    return ok();
  });
}

export async function renameTeamAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ teamId: id, name: teamName }).parse(Object.fromEntries(formData));
    await renameTeam(m.tenant, input.teamId, input.name);
    return ok();
  });
}

export async function deleteTeamAction(teamId: string): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    await deleteTeam(m.tenant, id.parse(teamId));
    return ok();
  });
}

export async function addTeamMemberAction(teamId: string, userId: string): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    await addTeamMember(m.tenant, id.parse(teamId), id.parse(userId));
    return ok();
  });
}

export async function removeTeamMemberAction(teamId: string, userId: string): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    await removeTeamMember(m.tenant, id.parse(teamId), id.parse(userId));
    return ok();
  });
}

/** Capacity per agent for the workspace: a whole number ≥ 1, or empty for unlimited. */
export async function setWorkspaceCapacityAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ defaultMaxOpen: capacityTextSchema }).parse({ defaultMaxOpen: formData.get('defaultMaxOpen') ?? '' });
    await setWorkspaceCapacity(m.tenant, input.defaultMaxOpen);
    return ok();
  });
}

/** A team's capacity override: a whole number ≥ 1, or empty for the workspace default. */
export async function setTeamCapacityAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ teamId: id, maxOpen: capacityTextSchema }).parse({ teamId: formData.get('teamId'), maxOpen: formData.get('maxOpen') ?? '' });
    await setTeamCapacity(m.tenant, input.teamId, input.maxOpen);
    return ok();
  });
}

/**
 * A member's own capacity override: a whole number ≥ 1, or empty for none. The smallest of
 * it and their teams' overrides applies (member-capacity.sql.ts).
 */
export async function setMemberCapacityAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ userId: id, capacity: capacityTextSchema }).parse({ userId: formData.get('userId'), capacity: formData.get('capacity') ?? '' });
    await setMemberCapacity(m.tenant, input.userId, input.capacity);
    return ok();
  });
}

/** What happens to an agent's unanswered conversations when they go away or offline. */
export async function setWorkspaceAwayHandOnAction(value: string): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ awayHandOn: awayHandOnSchema }).parse({ awayHandOn: value });
    await setWorkspaceAwayHandOn(m.tenant, input.awayHandOn);
    return ok();
  });
}

/** A team's override of it; '' = the workspace default. */
export async function setTeamAwayHandOnAction(teamId: string, value: string): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const input = z.object({ teamId: id, awayHandOn: awayHandOnSchema.nullable() }).parse({ teamId, awayHandOn: value === '' ? null : value });
    await setTeamAwayHandOn(m.tenant, input.teamId, input.awayHandOn);
    return ok();
  });
}

/** Leads are told when a conversation waits in a queue longer than this (minutes; empty: never). */
export async function setQueueAlertAction(formData: FormData): Promise<ActionResult> {
  return run('teams.manage', async (m) => {
    const minutes = z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (s === '') return null;
        if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 10_080) {
          ctx.addIssue({ code: 'custom', message: 'Enter whole minutes from 1 to 10080, or leave empty' });
          return z.NEVER;
        }
        return Number(s);
      });
    const input = z.object({ queueAlertMinutes: minutes }).parse({ queueAlertMinutes: formData.get('queueAlertMinutes') ?? '' });
    await setQueueAlertMinutes(m.tenant, input.queueAlertMinutes);
    return ok();
  });
}

/**
 * requireMember(action) before anything else, then the change. zod failures become field
 * errors and DomainErrors (access denied included) form errors; a success refreshes /team.
 */
async function run<T>(action: Action, fn: (m: MemberContext) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    const m = await requireMember(action);
    const result = await fn(m);
    if (result.ok) revalidatePath('/team');
    return result;
  } catch (error) {
    if (error instanceof z.ZodError) return invalid(error);
    return fromError(error);
  }
}

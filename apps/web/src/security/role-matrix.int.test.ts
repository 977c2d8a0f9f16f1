// Role × action: every server action and session route, called by an owner, admin, lead and
// agent of one workspace, is allowed exactly when roles.ts `can(role, permission)` says so,
// and otherwise refused with the access-denied error (403 for routes). Calls use ids that do
// not exist or input that fails validation, so an allowed call reaches its check and stops
// there without changing anything. Every exported action must have a row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Action, type Role } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { createTwoWorkspaces, type TwoWorkspaces } from './two-workspaces';
import { importWeb, serverActionFiles } from './discover-endpoints';
import { signInAs } from './session-state';

const handle = testDatabase();
let w: TwoWorkspaces;
beforeAll(async () => {
  w = await createTwoWorkspaces(handle.db);
});
afterAll(() => handle.close());

const DENIED = "You don't have access to do that in this workspace";
const nobody = randomUUID();
const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

type Fn = (...args: unknown[]) => Promise<unknown>;
/** 'member': any role of the workspace; 'anyone': no workspace needed (sign-up, invitations). */
type Needs = Action | 'member' | 'anyone';
type Row = { needs: Needs; call: (fn: Fn) => Promise<unknown> };

const MATRIX: Record<string, Record<string, Row>> = {
  'server/workflows/manage-workflows.ts': {
    createWorkflowAction: { needs: 'workflows.manage', call: (f) => f({ name: '' }) },
    renameWorkflowAction: { needs: 'workflows.manage', call: (f) => f(nobody, 'x') },
    duplicateWorkflowAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    deleteWorkflowAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
  },
  'server/workflows/edit-workflow.ts': {
    saveDraftAction: { needs: 'workflows.manage', call: (f) => f(nobody, { steps: [] }) },
    publishWorkflowAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    runsInFlightAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    publishPreviewAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    stopWorkflowAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    getVersionAction: { needs: 'workflows.view', call: (f) => f(nobody, nobody) },
    restoreVersionAction: { needs: 'workflows.manage', call: (f) => f(nobody, nobody) },
    refreshWorkflowAction: { needs: 'workflows.view', call: (f) => f(nobody) },
  },
  'server/workflows/simulate-workflow.ts': {
    startSimulationAction: { needs: 'workflows.manage', call: (f) => f(nobody, {}) },
    simulationProgressAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
    cancelSimulationAction: { needs: 'workflows.manage', call: (f) => f(nobody) },
  },
  'server/runs/run-actions.ts': {
    fireWaitNowAction: { needs: 'runs.view', call: (f) => f(nobody, 1) },
    cancelRunAction: { needs: 'runs.view', call: (f) => f(nobody) },
    retryRunAction: { needs: 'runs.view', call: (f) => f(nobody) },
  },
  'app/(auth)/sign-up/actions.ts': { signUpAction: { needs: 'anyone', call: (f) => f(fd({ name: '' })) } },
  'app/(auth)/invite/[token]/actions.ts': {
    acceptAsSignedInUser: { needs: 'anyone', call: (f) => f('no-such-token') },
    acceptAsNewAccount: { needs: 'anyone', call: (f) => f(fd({ token: 'no-such-token', name: '', password: 'x' })) },
  },
  'app/(app)/team/actions.ts': {
    inviteMember: { needs: 'members.manage', call: (f) => f(fd({ email: 'not-an-email', role: 'agent' })) },
    revokeInvitationAction: { needs: 'members.manage', call: (f) => f(nobody) },
    changeMemberRole: { needs: 'members.manage', call: (f) => f(nobody, 'agent') },
    removeMemberAction: { needs: 'members.manage', call: (f) => f(nobody) },
    setMemberSkillsAction: { needs: 'members.manage', call: (f) => f(nobody, 'de') },
    createTeamAction: { needs: 'teams.manage', call: (f) => f(fd({ name: '' })) },
    renameTeamAction: { needs: 'teams.manage', call: (f) => f(fd({ teamId: nobody, name: 'x' })) },
    deleteTeamAction: { needs: 'teams.manage', call: (f) => f(nobody) },
    addTeamMemberAction: { needs: 'teams.manage', call: (f) => f(nobody, nobody) },
    removeTeamMemberAction: { needs: 'teams.manage', call: (f) => f(nobody, nobody) },
    setWorkspaceCapacityAction: { needs: 'teams.manage', call: (f) => f(fd({ defaultMaxOpen: '0' })) },
    setTeamCapacityAction: { needs: 'teams.manage', call: (f) => f(fd({ teamId: nobody, maxOpen: '3' })) },
    setMemberCapacityAction: { needs: 'teams.manage', call: (f) => f(fd({ userId: nobody, capacity: '3' })) },
    setWorkspaceAwayHandOnAction: { needs: 'teams.manage', call: (f) => f('sometimes') },
    setTeamAwayHandOnAction: { needs: 'teams.manage', call: (f) => f(nobody, 'round_robin') },
    setQueueAlertAction: { needs: 'teams.manage', call: (f) => f(fd({ queueAlertMinutes: '0' })) },
  },
  'app/(app)/settings/webhooks/actions.ts': {
    createWebhookAction: { needs: 'webhooks.manage', call: (f) => f(fd({ name: '' })) },
    updateWebhookAction: { needs: 'webhooks.manage', call: (f) => f(fd({ subscriptionId: nobody, name: 'x', url: 'https://x.test', events: 'run.failed' })) },
    deleteWebhookAction: { needs: 'webhooks.manage', call: (f) => f(nobody) },
    rotateWebhookSecretAction: { needs: 'webhooks.manage', call: (f) => f(nobody) },
    resendWebhookDeliveryAction: { needs: 'webhooks.manage', call: (f) => f(nobody) },
  },
  'app/(app)/settings/secrets/actions.ts': {
    setSecretAction: { needs: 'secrets.manage', call: (f) => f(fd({ name: '' })) },
    deleteSecretAction: { needs: 'secrets.manage', call: (f) => f('NO_SUCH_SECRET') },
  },
  'app/(app)/settings/actions.ts': {
    renameWorkspaceAction: { needs: 'workspace.manage', call: (f) => f(fd({ name: '' })) },
    createApiKeyAction: { needs: 'apiKeys.manage', call: (f) => f(fd({ name: '' })) },
    revokeApiKeyAction: { needs: 'apiKeys.manage', call: (f) => f(nobody) },
  },
  // Any signed-in user, for their own sessions only.
  'app/(app)/session-actions.ts': { signOutEverywhereAction: { needs: 'anyone', call: (f) => f() } },
  // Any member, for their own notifications only (the data layer matches on the caller's id).
  'app/(app)/notification-actions.ts': { markMyNotificationsRead: { needs: 'member', call: (f) => f({ ids: ['not-a-uuid'] }) } },
  'app/(app)/shell-actions.ts': {
    switchWorkspace: { needs: 'member', call: (f) => f(nobody) },
    setMyAvailability: { needs: 'member', call: (f) => f('nonsense') },
  },
  'app/(app)/settings/channels/actions.ts': {
    createChannelAction: { needs: 'channels.manage', call: (f) => f(fd({ name: '' })) },
    updateChannelAction: { needs: 'channels.manage', call: (f) => f(fd({ channelId: nobody, name: 'x' })) },
    revealSecretAction: { needs: 'channels.manage', call: (f) => f(nobody) },
    rotateSecretAction: { needs: 'channels.manage', call: (f) => f(nobody) },
    rotateOutboundSecretAction: { needs: 'channels.manage', call: (f) => f(nobody) },
    sendTestAction: { needs: 'channels.manage', call: (f) => f(nobody) },
  },
  'app/(app)/inbox/actions.ts': {
    loadInboxAction: { needs: 'conversations.viewOwn', call: (f) => f({ view: 'mine' }) },
    loadMoreAction: { needs: 'conversations.viewOwn', call: (f) => f({ view: 'mine' }) },
    loadConversationAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody) },
    loadEarlierAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, new Date().toISOString()) },
    replyAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, 'x') },
    commentAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, 'x', []) },
    assignAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, null) },
    closeAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody) },
    reopenAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody) },
    heartbeatAction: { needs: 'member', call: (f) => f() },
    updateContactAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, {}) },
    runWorkflowAction: { needs: 'conversations.viewOwn', call: (f) => f(nobody, nobody) },
  },
  // Input that fails validation after the role check (an unknown zone, a malformed team id).
  'app/(app)/settings/business-hours/actions.ts': {
    saveWorkspaceTimeZoneAction: { needs: 'workspace.manage', call: (f) => f(fd({ timeZone: 'Not/AZone' })) },
    saveScheduleAction: { needs: 'workspace.manage', call: (f) => f({ teamId: 'not-a-uuid', timeZone: null, weekly: {}, holidays: [] }) },
    deleteScheduleAction: { needs: 'workspace.manage', call: (f) => f('not-a-uuid') },
    // Anyone signed in chooses their own display zone.
    saveMyTimeZoneAction: { needs: 'member', call: (f) => f(fd({ timeZone: 'Not/AZone' })) },
  },
  // A policy with no target fails validation after the role check; an unknown id is not found.
  'app/(app)/settings/sla/actions.ts': {
    createSlaPolicyAction: { needs: 'workspace.manage', call: (f) => f(fd({ name: 'P', warningPercent: '80' })) },
    updateSlaPolicyAction: { needs: 'workspace.manage', call: (f) => f(nobody, fd({ name: 'P', warningPercent: '80' })) },
    deleteSlaPolicyAction: { needs: 'workspace.manage', call: (f) => f(nobody) },
    moveSlaPolicyAction: { needs: 'workspace.manage', call: (f) => f(nobody, 'up') },
  },
  'app/(app)/settings/contacts/actions.ts': {
    createContactFieldAction: { needs: 'contacts.configure', call: (f) => f(fd({ key: '' })) },
    deleteContactFieldAction: { needs: 'contacts.configure', call: (f) => f('no_such_field') },
    createTagAction: { needs: 'contacts.configure', call: (f) => f(fd({ name: '' })) },
    deleteTagAction: { needs: 'contacts.configure', call: (f) => f('no-such-tag') },
  },
  'app/(app)/settings/canned-replies/actions.ts': {
    createCannedReplyAction: { needs: 'contacts.configure', call: (f) => f(fd({ name: '' })) },
    updateCannedReplyAction: { needs: 'contacts.configure', call: (f) => f(fd({ id: nobody, name: 'x', shortcut: 'x', body: 'x' })) },
    deleteCannedReplyAction: { needs: 'contacts.configure', call: (f) => f(nobody) },
  },
};

/** Session route handlers (not /api/v1, which is per workspace API key without roles). */
const SESSION_ROUTES: Record<string, { needs: Needs; url: string }> = {
  'app/api/realtime/route.ts': { needs: 'conversations.viewOwn', url: '/api/realtime' },
  'app/api/notifications/route.ts': { needs: 'member', url: '/api/notifications' },
  'app/api/internal/runs/metrics-export/route.ts': { needs: 'runs.view', url: '/api/internal/runs/metrics-export' },
  'app/api/internal/runs/step-analytics/route.ts': { needs: 'runs.view', url: '/api/internal/runs/step-analytics' },
};

const allowed = (role: Role, needs: Needs) => needs === 'anyone' || needs === 'member' || can(role, needs);

function wasDenied(result: unknown): boolean {
  if (result && typeof result === 'object' && 'thrown' in result) {
    const e = (result as { thrown: { code?: string; message?: string } }).thrown;
    return e.code === 'forbidden' && e.message === DENIED;
  }
  return (result as { ok?: boolean; error?: string })?.ok === false && (result as { error?: string }).error === DENIED;
}

describe('role matrix', () => {
  it('every exported server action has a row', async () => {
    const missing: string[] = [];
    for (const file of serverActionFiles()) {
      const mod = await importWeb(file);
      for (const [name, value] of Object.entries(mod)) if (typeof value === 'function' && !MATRIX[file]?.[name]) missing.push(`${file}#${name}`);
    }
    expect(missing, 'add these to MATRIX in role-matrix.int.test.ts').toEqual([]);
  });

  const userOf = (role: Role) => ({ owner: 'Owner', admin: 'Admin', lead: 'Lead', agent: 'Agent' })[role];

  for (const [file, rows] of Object.entries(MATRIX)) {
    for (const [name, row] of Object.entries(rows)) {
      it(`${file}#${name} (${row.needs})`, async () => {
        const mod = await importWeb(file);
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const role of ROLES) {
          signInAs(w.a.users[userOf(role)]!.id, w.a.workspaceId);
          let result: unknown;
          try {
            result = await row.call(mod[name] as Fn);
          } catch (thrown) {
            result = { thrown };
          }
          got[role] = wasDenied(result) ? '403' : 'allowed';
          want[role] = allowed(role, row.needs) ? 'allowed' : '403';
        }
        expect(got).toEqual(want);
      });
    }
  }

  for (const [file, route] of Object.entries(SESSION_ROUTES)) {
    it(`${route.url} (${route.needs})`, async () => {
      const mod = await importWeb(file);
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const role of ROLES) {
        signInAs(w.a.users[userOf(role)]!.id, w.a.workspaceId);
        const ac = new AbortController();
        const res = (await (mod.GET as (r: Request, c: unknown) => Promise<Response>)(new Request(`http://baton.test${route.url}`, { signal: ac.signal }), { params: Promise.resolve({}) })) as Response;
        ac.abort();
        await res.body?.cancel().catch(() => {});
        got[role] = res.status === 403 ? 403 : 200;
        want[role] = allowed(role, route.needs) ? 200 : 403;
      }
      expect(got).toEqual(want);
    });
  }

  it('a signed-in user with no membership is sent to /no-workspace by every member action', async () => {
    const { signUp } = await import('@baton/db');
    const loner = await signUp(handle.db, { name: 'Loner', email: `loner-${randomUUID().slice(0, 6)}@example.test`, password: 'long-enough-pw', workspaceName: 'Loner Co' });
    await handle.pool.query('delete from memberships where user_id = $1', [loner.userId]);
    signInAs(loner.userId);
    const mod = await importWeb('app/(app)/settings/actions.ts');
    await expect((mod.renameWorkspaceAction as Fn)(fd({ name: 'x' }))).rejects.toThrow(/NEXT_REDIRECT/);
  });
});

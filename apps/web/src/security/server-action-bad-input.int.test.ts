// Server actions given input the data layer would refuse answer with a form error, never a
// 500: ids that are not UUIDs (Postgres would fail the query) and a comment longer than the
// data layer's limit (its zod parse would throw through the action).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, createWorkflow, receiveInboundMessage, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { importWeb } from './discover-endpoints';
import { signInAs } from './session-state';

const handle = testDatabase();
let ws: TestWorkspace;
let workflowId: string;
let conversationId: string;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  const t = tenant(handle.db, ws.workspaceId);
  workflowId = (await createWorkflow(t, { name: 'Target' }, null)).id;
  conversationId = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'bad-input' }, text: 'hi' })).conversationId;
});
afterAll(() => handle.close());

type Fn = (...args: unknown[]) => Promise<unknown>;
const BAD_IDS = ['not-a-uuid', "1' or '1'='1", '', '00000000-0000-0000-0000-00000000000g'];

describe('workflow actions: a malformed id is "not found", not a 500', () => {
  const calls: Record<string, Record<string, (f: Fn, bad: string) => Promise<unknown>>> = {
    'server/workflows/manage-workflows.ts': {
      renameWorkflowAction: (f, bad) => f(bad, 'New name'),
      duplicateWorkflowAction: (f, bad) => f(bad),
      deleteWorkflowAction: (f, bad) => f(bad),
    },
    'server/workflows/simulate-workflow.ts': {
      startSimulationAction: (f, bad) => f(bad, { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString(), seed: 1 }),
      simulationProgressAction: (f, bad) => f(bad),
      cancelSimulationAction: (f, bad) => f(bad),
    },
    'server/workflows/edit-workflow.ts': {
      saveDraftAction: (f, bad) => f(bad, { steps: [] }),
      publishWorkflowAction: (f, bad) => f(bad),
      runsInFlightAction: (f, bad) => f(bad),
      publishPreviewAction: (f, bad) => f(bad),
      stopWorkflowAction: (f, bad) => f(bad),
      getVersionAction: (f, bad) => f(bad, bad),
      restoreVersionAction: (f, bad) => f(workflowId, bad),
    },
  };
  for (const [file, actions] of Object.entries(calls)) {
    for (const [name, call] of Object.entries(actions)) {
      it(`${name}`, async () => {
        signInAs(ws.users.Owner!.id, ws.workspaceId);
        const fn = (await importWeb(file))[name] as Fn;
        for (const bad of BAD_IDS) {
          await expect(call(fn, bad)).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/not found/) });
        }
      });
    }
  }

  it('refreshWorkflowAction refuses with the not-found domain error', async () => {
    signInAs(ws.users.Owner!.id, ws.workspaceId);
    const fn = (await importWeb('server/workflows/edit-workflow.ts')).refreshWorkflowAction as Fn;
    await expect(fn('not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('inbox comments: one length limit, a form error past it', () => {
  it(`a comment over ${COMMENT_MAX_LENGTH} characters is a form error and is not stored; one at the limit is`, async () => {
    signInAs(ws.users.Owner!.id, ws.workspaceId);
    const { commentAction } = (await importWeb('app/(app)/inbox/actions.ts')) as { commentAction: Fn };
    await expect(commentAction(conversationId, 'x'.repeat(COMMENT_MAX_LENGTH + 1), [])).resolves.toEqual({
      ok: false,
      error: 'Keep comments under 5,000 characters',
    });
    await expect(commentAction(conversationId, 'x'.repeat(COMMENT_MAX_LENGTH), [])).resolves.toMatchObject({ ok: true });
  });
});

describe('API keys: scopes chosen in Settings', () => {
  const form = (name: string, scopes: string[]) => {
    const f = new FormData();
    f.set('name', name);
    for (const s of scopes) f.append('scopes', s);
    return f;
  };
  it('no scope, or one that does not exist, is an error on the scopes field and creates no key; chosen scopes are stored', async () => {
    signInAs(ws.users.Owner!.id, ws.workspaceId);
    const { createApiKeyAction } = (await importWeb('app/(app)/settings/actions.ts')) as { createApiKeyAction: Fn };
    const keys = async () => (await handle.pool.query('select name, scopes from api_keys where workspace_id = $1 order by created_at, id', [ws.workspaceId])).rows;
    await expect(createApiKeyAction(form('Reporting', []))).resolves.toMatchObject({ ok: false, fieldErrors: { scopes: 'Choose at least one scope' } });
    await expect(createApiKeyAction(form('Reporting', ['conversations:delete']))).resolves.toMatchObject({ ok: false, fieldErrors: { scopes: expect.stringContaining('conversations:read') } });
    expect(await keys()).toEqual([]);
    await expect(createApiKeyAction(form('Reporting', ['workflows:read', 'conversations:read']))).resolves.toMatchObject({ ok: true });
    expect(await keys()).toEqual([{ name: 'Reporting', scopes: ['conversations:read', 'workflows:read'] }]);
  });
});

describe('canned replies: bad input is a message on the field', () => {
  const form = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return f;
  };
  it('empty name, duplicate shortcut, unknown variable', async () => {
    signInAs(ws.users.Owner!.id, ws.workspaceId);
    const { createCannedReplyAction } = (await importWeb('app/(app)/settings/canned-replies/actions.ts')) as { createCannedReplyAction: Fn };
    const rows = async () => (await handle.pool.query('select shortcut from canned_replies where workspace_id = $1 order by shortcut', [ws.workspaceId])).rows;
    await expect(createCannedReplyAction(form({ name: 'Thanks', shortcut: 'thanks', body: 'Thank you, {{contact.name}}!' }))).resolves.toMatchObject({ ok: true });
    await expect(createCannedReplyAction(form({ name: '', shortcut: 'x', body: 'Hi' }))).resolves.toMatchObject({ ok: false, fieldErrors: { name: 'Name the reply' } });
    await expect(createCannedReplyAction(form({ name: 'Again', shortcut: '/thanks', body: 'Hi' }))).resolves.toMatchObject({
      ok: false,
      fieldErrors: { shortcut: 'Another canned reply already uses /thanks' },
    });
    await expect(createCannedReplyAction(form({ name: 'Typo', shortcut: 'typo', body: 'Hi {{contact.nmae}}' }))).resolves.toMatchObject({
      ok: false,
      fieldErrors: { body: expect.stringMatching(/^Unknown variable \{\{contact\.nmae\}\}/) },
    });
    expect(await rows()).toEqual([{ shortcut: 'thanks' }]);
  });
});

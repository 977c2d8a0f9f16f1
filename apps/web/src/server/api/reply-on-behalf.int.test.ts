// Replies sent with an API key (issue #22 item 6) are the named member's replies, recorded as
// sent via the API with the key: they set the first response time and stop the assignee's
// reply clock (the messages trigger keys on the author), and the inbox shows "Al (via API)".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { assignConversation, createApiKey, getInboxConversation, receiveInboundMessage, tenant, type Tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { toConversationView } from '@/server/inbox/to-conversation-view';
import { listMessagesEndpoint, sendReplyEndpoint } from './endpoints/conversation-endpoints';
import { callEndpoint, expectDeclared } from './testing/call-endpoint';

const handle = testDatabase();
let ws: TestWorkspace;
let t: Tenant;
let key: { id: string; plaintext: string };

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }, { name: 'Cy' }] });
  t = tenant(handle.db, ws.workspaceId);
  key = await createApiKey(t, { name: 'helpdesk bridge', createdBy: null, scopes: ['conversations:read', 'conversations:write'] });
});
afterAll(() => handle.close());

async function assignedToAl(name: string) {
  const { conversationId } = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `behalf-${name}`, name }, text: 'Help?' });
  await assignConversation(t, conversationId, { assigneeId: ws.users.Al!.id, actorUserId: null });
  return conversationId;
}

const clock = async (id: string) =>
  (await handle.pool.query<{ repliedAt: Date | null; firstResponseAt: Date | null }>(
    'select assignee_replied_at as "repliedAt", first_response_at as "firstResponseAt" from conversations where workspace_id = $1 and id = $2',
    [ws.workspaceId, id],
  )).rows[0]!;
const outgoing = async (conversationId: string) =>
  (await handle.pool.query(
    `select author_user_id as "authorUserId", via, api_key_id as "apiKeyId", automated from messages
      where workspace_id = $1 and conversation_id = $2 and direction = 'outgoing' order by created_at, id`,
    [ws.workspaceId, conversationId],
  )).rows;

describe('replies on behalf of a member through the API', () => {
  it('is stored as the member\'s reply via the API with the key, and stops their reply clock', async () => {
    const id = await assignedToAl('Dana');
    expect((await clock(id)).repliedAt).toBeNull();
    const sent = await callEndpoint(sendReplyEndpoint, key.plaintext, { id, body: { userId: ws.users.Al!.id, text: 'Looking into it' } });
    expectDeclared(sendReplyEndpoint, sent);
    expect(sent.status).toBe(201);
    expect(sent.body.firstResponse).toBe(true);
    expect(await outgoing(id)).toEqual([{ authorUserId: ws.users.Al!.id, via: 'api', apiKeyId: key.id, automated: false }]);
    const after = await clock(id);
    expect(after.repliedAt).not.toBeNull();
    expect(after.firstResponseAt).not.toBeNull();

    const listed = await callEndpoint(listMessagesEndpoint, key.plaintext, { id, query: { direction: 'outgoing' } });
    expectDeclared(listMessagesEndpoint, listed);
    expect(listed.body.messages).toMatchObject([{ authorUserId: ws.users.Al!.id, via: 'api', apiKeyId: key.id }]);

    const view = toConversationView(await getInboxConversation(t, { userId: ws.users.Owner!.id, role: 'owner' }, id), ws.users.Owner!.id);
    const reply = view.timeline.find((i) => i.kind === 'message' && i.direction === 'outgoing');
    expect(reply).toMatchObject({ authorName: 'Al', viaApi: true });
  });

  it('on behalf of a colleague it is not the assignee\'s reply', async () => {
    const id = await assignedToAl('Eve');
    const sent = await callEndpoint(sendReplyEndpoint, key.plaintext, { id, body: { userId: ws.users.Cy!.id, text: 'Cy here' } });
    expect(sent.status).toBe(201);
    expect((await clock(id)).repliedAt).toBeNull();
  });

  it('a userId that is not a member of the workspace is a 400 naming userId, and nothing is written', async () => {
    const id = await assignedToAl('Finn');
    const stranger = await createTestWorkspace(handle.db, { members: [{ name: 'Zed' }] });
    for (const userId of [stranger.users.Zed!.id, randomUUID()]) {
      const refused = await callEndpoint(sendReplyEndpoint, key.plaintext, { id, body: { userId, text: 'Not me' } });
      expectDeclared(sendReplyEndpoint, refused);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ field: 'userId' });
    }
    expect(await outgoing(id)).toEqual([]);
    expect((await clock(id)).firstResponseAt).toBeNull();
  });
});

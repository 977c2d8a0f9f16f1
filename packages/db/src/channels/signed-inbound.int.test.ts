import { afterAll, describe, expect, it } from 'vitest';
import { DomainError, getConversation, receiveSignedMessage, rotateChannelSecret, signPayload, tenant } from '../index';
import { createTestWorkspace, testDatabase } from '../testing';

const handle = testDatabase(5);
afterAll(() => handle.close());

const now = () => Date.now();
const seconds = (ms: number) => String(Math.floor(ms / 1000));

function signed(secret: string, body: object, at = now()) {
  const rawBody = JSON.stringify(body);
  const timestamp = seconds(at);
  return { rawBody, timestamp, signature: signPayload(secret, timestamp, rawBody) };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('signed inbound messages on a custom channel', () => {
  const message = (externalId: string) => ({ contact: { externalId: 'ext-contact', name: 'Dana' }, text: 'Hello from the widget', externalId });

  it('stores a message with a valid signature in the channel’s workspace', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const result = await receiveSignedMessage(handle.db, ws.channelId, signed(ws.channelSecret, message('m-1')));
    expect(result).toMatchObject({ workspaceId: ws.workspaceId, duplicate: false, openedConversation: true });
    // Its events are what the caller hands to the worker after the commit.
    expect(result.afterCommit).toEqual({
      workspaceId: ws.workspaceId,
      events: result.outboxEventIds,
      waits: [],
      firedWaits: [],
      cancelledWaits: [],
      deliveries: [],
      notices: [{ type: 'conversation.changed', conversationId: result.conversationId, change: 'opened' }],
    });
    const c = await getConversation(tenant(handle.db, ws.workspaceId), result.conversationId);
    expect(c.messages.map((m) => m.text)).toEqual(['Hello from the widget']);
  });

  it('refuses a signature made with the wrong secret, and a secret from before a rotation', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const wrong = await refusal(receiveSignedMessage(handle.db, ws.channelId, signed('not-the-secret', message('m-2'))));
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toMatch(/does not match/);

    const { secret } = await rotateChannelSecret(tenant(handle.db, ws.workspaceId), ws.channelId);
    const old = await refusal(receiveSignedMessage(handle.db, ws.channelId, signed(ws.channelSecret, message('m-3'))));
    expect(old.code).toBe('unauthorized');
    await expect(receiveSignedMessage(handle.db, ws.channelId, signed(secret, message('m-3')))).resolves.toMatchObject({ duplicate: false });
  });

  it('refuses a stale timestamp (older than 5 minutes) and one from the future', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const stale = await refusal(receiveSignedMessage(handle.db, ws.channelId, signed(ws.channelSecret, message('m-4'), now() - 6 * 60_000)));
    expect(stale.code).toBe('unauthorized');
    expect(stale.message).toMatch(/5 minute window/);
    const future = await refusal(receiveSignedMessage(handle.db, ws.channelId, signed(ws.channelSecret, message('m-5'), now() + 6 * 60_000)));
    expect(future.code).toBe('unauthorized');
  });

  it('refuses a body changed after signing', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const req = signed(ws.channelSecret, message('m-6'));
    const tampered = { ...req, rawBody: req.rawBody.replace('Hello', 'Pay me') };
    expect((await refusal(receiveSignedMessage(handle.db, ws.channelId, tampered))).code).toBe('unauthorized');
  });

  it('acknowledges a replayed externalId without storing it twice (same request or a fresh signature)', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const req = signed(ws.channelSecret, message('m-7'));
    const first = await receiveSignedMessage(handle.db, ws.channelId, req);
    const replay = await receiveSignedMessage(handle.db, ws.channelId, req);
    const resent = await receiveSignedMessage(handle.db, ws.channelId, signed(ws.channelSecret, message('m-7'), now() + 1000));
    expect(replay).toMatchObject({ duplicate: true, messageId: first.messageId, conversationId: first.conversationId, outboxEventIds: [] });
    expect(resent).toMatchObject({ duplicate: true, messageId: first.messageId });
    const c = await getConversation(tenant(handle.db, ws.workspaceId), first.conversationId);
    expect(c.messages).toHaveLength(1);
  });

  it('answers "not found" for an unknown channel, before looking at the signature', async () => {
    const e = await refusal(receiveSignedMessage(handle.db, '00000000-0000-4000-8000-000000000000', signed('x', message('m-8'))));
    expect(e.code).toBe('not_found');
  });
});

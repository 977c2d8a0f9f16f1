import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { createRedis, realtimeChannel, realtimeEventSchema, type RealtimeEvent } from '@baton/queue';
import { signInAs } from '@/security/session-state';
import { closeAction, commentAction, replyAction } from '@/app/(app)/inbox/actions';

// A realtime notice is part of the data function's receipt: published by the hand-off once the
// transaction has committed, never by the route, and never for a transaction that rolled back.
// Real Postgres, real Redis pub/sub, the inbox's server actions as the browser calls them.

// The web's publisher reads the prefix on first use: this file's own channel.
const prefix = `notices-${randomUUID().slice(0, 8)}`;
process.env.BATON_QUEUE_PREFIX = prefix;

const handle = testDatabase(3);
const subscriber = createRedis(process.env.REDIS_URL!, 'notices-after-commit-test');
let ws: TestWorkspace;
/** Each notice heard, with what another connection saw in Postgres at that moment. */
const heard: Array<{ event: RealtimeEvent; agentMessagesCommitted: number }> = [];

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice', role: 'admin' }] });
  subscriber.on('message', (_channel: string, text: string) => {
    const event = realtimeEventSchema.parse(JSON.parse(text));
    // Read on the test's own pool (not the action's transaction): a notice published before
    // the commit would find the reply not there yet.
    const seen =
      event.type === 'conversation.changed'
        ? handle.pool
            .query(`select count(*)::int as n from messages where conversation_id = $1 and direction = 'outgoing'`, [event.conversationId])
            .then((r) => r.rows[0].n as number)
        : Promise.resolve(0);
    void seen.then((agentMessagesCommitted) => heard.push({ event, agentMessagesCommitted }));
  });
  await subscriber.subscribe(realtimeChannel(prefix, ws.workspaceId));
  signInAs(ws.users.Alice!.id, ws.workspaceId);
});

afterAll(async () => {
  subscriber.disconnect();
  await handle.close();
});

async function conversation() {
  const inbound = await receiveInboundMessage(tenant(handle.db, ws.workspaceId), ws.channelId, { contact: { externalId: randomUUID() }, text: 'Hello?' });
  return inbound.conversationId;
}

/** Waits until `count` notices of these conversations are heard, then answers them. */
async function noticesOf(conversationIds: string[], count: number) {
  const of = () => heard.filter((h) => h.event.type === 'conversation.changed' && conversationIds.includes(h.event.conversationId));
  for (let i = 0; i < 200 && of().length < count; i++) await new Promise((r) => setTimeout(r, 25));
  return of();
}

describe('realtime notices ride the after-commit receipt', () => {
  it('a reply is announced once, after its commit (another connection already sees it)', async () => {
    const id = await conversation();
    const reply = await replyAction(id, 'On it');
    expect(reply.ok).toBe(true);
    const notices = await noticesOf([id], 1);
    expect(notices).toEqual([{ event: { type: 'conversation.changed', conversationId: id, change: 'message' }, agentMessagesCommitted: 1 }]);
  });

  it('a transaction that rolls back announces nothing; the next committed change is the first notice heard', async () => {
    const id = await conversation();
    // A real failure inside closeConversation's transaction, after its first write: Postgres
    // refuses the status update, so everything the transaction did is rolled back.
    await handle.pool.query(`
      create or replace function refuse_close_for_test() returns trigger language plpgsql as $$
      begin
        if new.id = '${id}'::uuid and new.status = 'closed' then raise exception 'refused by the test'; end if;
        return new;
      end $$;
      create trigger refuse_close_for_test before update on conversations for each row execute function refuse_close_for_test();`);
    try {
      // Not a domain error: the action lets it through (Next answers 500).
      await expect(closeAction(id)).rejects.toMatchObject({ cause: { message: "refused by the test" } });
    } finally {
      await handle.pool.query('drop trigger refuse_close_for_test on conversations; drop function refuse_close_for_test();');
    }
    const { rows } = await handle.pool.query('select status from conversations where id = $1', [id]);
    expect(rows[0].status).toBe('open');
    // Pub/sub keeps the order of one publisher's messages: had the refused close been
    // announced, its notice would arrive before this comment's.
    expect((await commentAction(id, 'Checking', [])).ok).toBe(true);
    await noticesOf([id], 1);
    await new Promise((r) => setTimeout(r, 100)); // room for anything else to arrive
    expect((await noticesOf([id], 1)).map((n) => n.event)).toEqual([{ type: 'conversation.changed', conversationId: id, change: 'comment' }]);
  });

  it('an action that changes nothing announces nothing (closing a closed conversation)', async () => {
    const id = await conversation();
    expect((await closeAction(id)).ok).toBe(true);
    expect((await closeAction(id)).ok).toBe(true);
    expect((await commentAction(id, 'Closed twice', [])).ok).toBe(true);
    await noticesOf([id], 2);
    await new Promise((r) => setTimeout(r, 100));
    expect((await noticesOf([id], 2)).map((n) => n.event.type === 'conversation.changed' && n.event.change)).toEqual(['status', 'comment']);
  });
});

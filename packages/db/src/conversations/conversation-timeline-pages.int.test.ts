// Conversation detail pages its timeline (security review #9): an integration can append
// thousands of messages to one conversation, and opening it must not load them all.
// Walking the pages with `olderBefore` visits every message, comment and event exactly once,
// including items that share an instant (one transaction) across a page boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation, receiveInboundMessage, tenant, type Tenant } from '../index';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '../testing';

const handle = testDatabase(3);
let ws: TestWorkspace;
let t: Tenant;
let conversationId: string;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  t = tenant(handle.db, ws.workspaceId);
  conversationId = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'flood' }, text: 'first' })).conversationId;
  // 300 more messages over 300 seconds, every tenth instant shared by three messages, and
  // events at some of the same instants.
  await handle.pool.query(
    `insert into messages (workspace_id, conversation_id, channel_id, direction, text, created_at)
     select $1, $2, $3, 'incoming', 'm' || g, now() - interval '1 hour' + ((g / 3) * 3 + case when g % 10 = 0 then 0 else g % 3 end) * interval '1 second'
     from generate_series(1, 300) g`,
    [ws.workspaceId, conversationId, ws.channelId],
  );
  await handle.pool.query(
    `insert into conversation_events (workspace_id, conversation_id, type, actor_type, created_at)
     select $1, $2, 'reopened', 'system', now() - interval '1 hour' + g * 7 * interval '1 second'
     from generate_series(1, 40) g`,
    [ws.workspaceId, conversationId],
  );
});
afterAll(() => handle.close());

describe('conversation timeline pages', () => {
  it('the first page holds the latest items only, with a cursor to older ones', async () => {
    const page = await getConversation(t, conversationId);
    expect(page.messages.length).toBeGreaterThanOrEqual(100);
    expect(page.messages.length).toBeLessThanOrEqual(103);
    expect(page.olderBefore).not.toBeNull();
    expect(page.messages.at(-1)!.text).toBe('first'); // the newest message
    const times = page.messages.map((m) => m.createdAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times); // oldest first
  });

  it('walking olderBefore visits every item exactly once, newest page first', async () => {
    const total = Number((await handle.pool.query('select count(*) from messages where conversation_id = $1', [conversationId])).rows[0].count);
    const totalEvents = Number((await handle.pool.query('select count(*) from conversation_events where conversation_id = $1', [conversationId])).rows[0].count);
    const seen: string[] = [];
    const seenEvents: string[] = [];
    let before: Date | undefined;
    let pages = 0;
    let lastOldest = Infinity;
    for (;;) {
      const page = await getConversation(t, conversationId, { before, limit: 37 });
      pages++;
      seen.push(...page.messages.map((m) => m.id));
      seenEvents.push(...page.events.map((e) => e.id));
      const newest = Math.max(...page.messages.map((m) => m.createdAt.getTime()), -Infinity);
      expect(newest).toBeLessThan(lastOldest);
      lastOldest = Math.min(...page.messages.map((m) => m.createdAt.getTime()), lastOldest);
      if (!page.olderBefore) break;
      before = new Date(page.olderBefore);
      expect(pages).toBeLessThan(50);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(new Set(seenEvents).size).toBe(seenEvents.length);
    expect(seenEvents).toHaveLength(totalEvents);
    expect(pages).toBeGreaterThanOrEqual(8);
  });
});

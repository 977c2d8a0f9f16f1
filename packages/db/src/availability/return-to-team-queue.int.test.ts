import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestWorkspace, listenForQueueWakes, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { assignConversation } from '../conversations/assign-conversation';
import { closeConversation } from '../conversations/close-conversation';
import { setAvailability } from '../identity/set-availability';
import { drainQueues } from '../runs/queue/drain-queues';
import { listQueues } from '../runs/queue/list-queues.sql';
import { parseQueueWake } from '../system/listen-queue-wakes';
import { setTeamAwayHandOn } from './set-away-hand-on';

const handle = testDatabase(4);
afterAll(() => handle.close());
const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

/** Sales (Alice, Bob) returns an away member's unanswered work to its queue; Bob is offline. */
async function aliceWithUnanswered(count: number) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lead', role: 'lead' }, { name: 'Alice' }, { name: 'Bob', availability: 'offline' }],
    teams: { Sales: ['Alice', 'Bob'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  await setTeamAwayHandOn(t, ws.teams.Sales!, 'return_to_team');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${i}`, name: `Customer ${i}` }, text: 'hi' });
    await assignConversation(t, inbound.conversationId, { assigneeId: ws.users.Alice!.id, teamId: ws.teams.Sales!, actorUserId: ws.users.Lead!.id });
    ids.push(inbound.conversationId);
  }
  return { ws, t, ids };
}

const assignees = async (ids: string[]) =>
  (await rows<{ id: string; assignee_id: string | null }>(sql`select id, assignee_id from conversations where id = any(${`{${ids.join(',')}}`}::uuid[])`)).reduce<Record<string, string | null>>(
    (m, r) => ({ ...m, [r.id]: r.assignee_id }),
    {},
  );

describe('return to the team: a real queue entry', () => {
  it('Alice goes offline with nobody else online: queued in arrival order; Bob comes online: the wake drains it to Bob exactly once, with the reason', async () => {
    const { ws, t, ids } = await aliceWithUnanswered(2);
    const [older, newer] = ids as [string, string];
    const alice = ws.users.Alice!.id;
    const bob = ws.users.Bob!.id;

    const listener = await listenForQueueWakes();
    try {
      expect((await setAvailability(t, alice, 'offline')).handedOn).toEqual([
        { conversationId: older, toUserId: null },
        { conversationId: newer, toUserId: null },
      ].sort((a, b) => a.conversationId.localeCompare(b.conversationId)));
      // Queuing announces itself (the check that closes the race with someone coming online).
      await listener.until((p) => p === `${ws.workspaceId}:*:queued`);
      const queue = await listQueues(t);
      expect(queue.map((e) => [e.conversationId, e.position, e.queueName, e.runId, e.timeoutAt, e.returnedBecause])).toEqual([
        [older, 1, 'Sales', null, null, 'Alice went offline without replying'],
        [newer, 2, 'Sales', null, null, 'Alice went offline without replying'],
      ]);
      // Nobody online: a drain leaves both where they are.
      expect(await drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: null, reason: 'sweep' }])).toEqual({ runs: [], returned: [] });

      await setAvailability(t, bob, 'online');
      const wake = parseQueueWake(await listener.until((p) => p === `${ws.workspaceId}:${bob}:online`));
      // Two workers woken at once: the workspace's drain lock lets one assign each conversation once.
      const [a, b] = await Promise.all([drainQueues(handle.db, [wake!]), drainQueues(handle.db, [wake!])]);
      expect([...a.returned, ...b.returned].map((r) => r.conversationId).sort()).toEqual([older, newer].sort());
    } finally {
      await listener.stop();
    }
    expect(await assignees(ids)).toEqual({ [older]: bob, [newer]: bob });
    expect(await listQueues(t)).toEqual([]);
    const events = await rows<{ conversation_id: string; actor_type: string; reason: string }>(sql`
      select conversation_id, actor_type, reason from conversation_events
       where workspace_id = ${ws.workspaceId} and type = 'assigned' and to_user_id = ${bob} order by conversation_id`);
    // One event each (both written in one transaction: ordered by id, not by time).
    expect(events).toEqual([older, newer].sort().map((id) => ({
      conversation_id: id,
      actor_type: 'system',
      reason: "Alice went offline without replying: waited in Sales's queue; assigned to Bob by round robin when Bob came online",
    })));
    // Bob is told, once per conversation (the notification trigger on the event).
    const [bell] = await rows<{ n: number }>(sql`
      select count(*)::int as n from notifications where workspace_id = ${ws.workspaceId} and user_id = ${bob} and kind = 'assigned'`);
    expect(bell!.n).toBe(2);
  });

  it('a returned conversation that is closed or assigned by hand leaves the queue; coming online then assigns nothing', async () => {
    const { ws, t, ids } = await aliceWithUnanswered(2);
    const [closed, byHand] = ids as [string, string];
    await setAvailability(t, ws.users.Alice!.id, 'offline');
    expect(await listQueues(t)).toHaveLength(2);
    await closeConversation(t, closed, { type: 'user', userId: ws.users.Lead!.id });
    await assignConversation(t, byHand, { assigneeId: ws.users.Lead!.id, actorUserId: ws.users.Lead!.id });
    expect(await listQueues(t)).toEqual([]);
    await setAvailability(t, ws.users.Bob!.id, 'online');
    expect(await drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: ws.users.Bob!.id, reason: 'online' }])).toEqual({ runs: [], returned: [] });
    expect(await assignees(ids)).toEqual({ [closed]: null, [byHand]: ws.users.Lead!.id });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, createQueuedTeamWorkspace, createTestWorkspace, listenForQueueWakes } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { assignConversation } from '../conversations/assign-conversation';
import { closeConversation } from '../conversations/close-conversation';
import { drainQueues } from '../runs/queue/drain-queues';
import { parseQueueWake } from '../system/listen-queue-wakes';
import { setMemberCapacity, setTeamCapacity, setWorkspaceCapacity } from './set-capacity';

const handle = testDatabase(6);
afterAll(() => handle.close());
const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

const listen = () => listenForQueueWakes();

async function queuedBehindCapacity() {
  const { ws, t, queue } = await createQueuedTeamWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Xena' }],
    teams: { Sales: ['Xena'] },
  }, { timeout: { amount: 1, unit: 'hours' } });
  await setWorkspaceCapacity(t, 1);
  const first = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c0' }, text: 'first' });
  await assignConversation(t, first.conversationId, { assigneeId: ws.users.Xena!.id, actorUserId: ws.users.Admin!.id });
  const result = await queue('c1');
  expect(result.status).toBe('waiting');
  const [queued] = await rows<{ decision: { explanation: string } }>(sql`
    select decision from run_steps where run_id = ${result.runId} and step_type = 'assign' order by seq`);
  // Xena is online but full: the queue holds the conversation, and the trace says why.
  expect(queued!.decision.explanation).toContain('Xena at capacity 1/1');
  return { ws, t, first: first.conversationId, conversationId: result.conversationId, runId: result.runId };
}

const assignee = async (conversationId: string) =>
  (await rows<{ assignee_id: string | null }>(sql`select assignee_id from conversations where id = ${conversationId}`))[0]!.assignee_id;

describe('capacity and the queue', () => {
  it('closing a conversation frees capacity: the trigger wakes the queue and the drain assigns the next one', async () => {
    const { ws, t, first, conversationId, runId } = await queuedBehindCapacity();
    const xena = ws.users.Xena!.id;
    const listener = await listen();
    try {
      await closeConversation(t, first, { type: 'user', userId: xena });
      const payload = await listener.until((p) => p.startsWith(ws.workspaceId));
      const wake = parseQueueWake(payload);
      expect(wake).toEqual({ workspaceId: ws.workspaceId, userId: xena, reason: 'capacity' });
      await drainQueues(handle.db, [wake!]);
    } finally {
      await listener.stop();
    }
    expect(await assignee(conversationId)).toBe(xena);
    const steps = await rows<{ explanation: string }>(sql`
      select decision->>'explanation' as explanation from run_steps where run_id = ${runId} and step_type = 'assign' order by seq desc`);
    expect(steps[0]!.explanation).toContain('assigned when Xena had a conversation closed or handed on');
  });

  it('a drain never assigns past capacity, and raising the capacity wakes every queue of the workspace', async () => {
    const { ws, t, conversationId } = await queuedBehindCapacity();
    // A drain woken for any reason still honours capacity: Xena stays at 1/1.
    expect(await drainQueues(handle.db, [{ workspaceId: ws.workspaceId, userId: null, reason: 'sweep' }])).toEqual({ runs: [], returned: [] });
    expect(await assignee(conversationId)).toBeNull();
    const listener = await listen();
    try {
      await setTeamCapacity(t, ws.teams.Sales!, 1); // an override at the same value: no room yet
      await setWorkspaceCapacity(t, 2); // the team's 1 still applies to Xena
      await setTeamCapacity(t, ws.teams.Sales!, 2);
      const payload = await listener.until((p) => p === `${ws.workspaceId}:*:settings`);
      const wake = parseQueueWake(payload);
      expect(wake).toEqual({ workspaceId: ws.workspaceId, userId: null, reason: 'settings' });
      await drainQueues(handle.db, [wake!]);
    } finally {
      await listener.stop();
    }
    expect(await assignee(conversationId)).toBe(ws.users.Xena!.id);
  });

  it('bad capacities are refused naming the field', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }], teams: { Sales: [] } });
    const t = tenant(handle.db, ws.workspaceId);
    await expect(setWorkspaceCapacity(t, 0)).rejects.toMatchObject({ code: 'invalid', details: { field: 'defaultMaxOpen' } });
    await expect(setTeamCapacity(t, ws.teams.Sales!, 1.5)).rejects.toMatchObject({ code: 'invalid', details: { field: 'maxOpen' } });
    await expect(setTeamCapacity(t, '00000000-0000-4000-8000-000000000000', 3)).rejects.toMatchObject({ code: 'not_found' });
    // The database refuses it too, whatever path writes it.
    await expect(handle.db.execute(sql`update teams set max_open = 0 where id = ${ws.teams.Sales!}`)).rejects.toThrow();
  });

  it("a member's own override (smallest of it and their teams', else the default) raises Xena's room, wakes her queues and the drain assigns", async () => {
    const { ws, t, conversationId } = await queuedBehindCapacity();
    const xena = ws.users.Xena!.id;
    const listener = await listen();
    try {
      // Her own 2 replaces the workspace default 1 (no team override): room for one more.
      await setMemberCapacity(t, xena, 2);
      const wake = parseQueueWake(await listener.until((p) => p === `${ws.workspaceId}:${xena}:settings`));
      expect(wake).toEqual({ workspaceId: ws.workspaceId, userId: xena, reason: 'settings' });
      // A team cap of 1 is smaller: the drain must not use her 2 while it is set.
      await setTeamCapacity(t, ws.teams.Sales!, 1);
      expect(await drainQueues(handle.db, [wake!])).toEqual({ runs: [], returned: [] });
      await setTeamCapacity(t, ws.teams.Sales!, null);
      await drainQueues(handle.db, [wake!]);
    } finally {
      await listener.stop();
    }
    expect(await assignee(conversationId)).toBe(xena);
    await expect(setMemberCapacity(t, xena, 0)).rejects.toMatchObject({ code: 'invalid', details: { field: 'capacity' } });
  });
});

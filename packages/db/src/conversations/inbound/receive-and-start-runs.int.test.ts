import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { reassignIfNoReply, roundRobinOnlineOnly } from '@baton/engine';
import { testDatabase, createTestWorkspace, type TestWorkspace } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { conversations, outboxEvents, workflowRuns } from '../../schema';
import { claimStats, startRunsForEvents } from '../../runs/start-runs-for-events';
import { receiveInboundMessages, receiveInboundMessagesAndStartRuns, type InboundItem } from './receive-inbound-messages';

const handle = testDatabase(5);
afterAll(() => handle.close());

async function routedWorkspace() {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }, { name: 'A2' }, { name: 'A3' }],
    teams: { Sales: ['A1', 'A2'], Support: ['A3'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Routing', definition: reassignIfNoReply({ firstTeamId: ws.teams.Sales!, waitMinutes: 15, secondTeamId: ws.teams.Support! }) as never }, null);
  await publishWorkflow(t, id, null);
  return ws;
}

const item = (ws: TestWorkspace, contact: string, text = 'hello'): InboundItem => ({
  workspaceId: ws.workspaceId,
  channelId: ws.channelId,
  input: { contact: { externalId: contact }, text },
});

/** Who each contact's conversation went to, in the order the contacts wrote. */
async function assigneesByContact(ws: TestWorkspace) {
  const rows = await handle.db.execute<{ contact: string; to: string | null }>(sql`
    select ct.external_id as contact, e.to_user_id as "to"
      from conversations c join contacts ct on ct.id = c.contact_id
      join conversation_events e on e.conversation_id = c.id and e.type = 'assigned'
     where c.workspace_id = ${ws.workspaceId} order by c.created_at, ct.external_id`);
  return Object.fromEntries(rows.rows.map((r) => [r.contact, r.to]));
}

describe('receiveInboundMessagesAndStartRuns: the API stores messages and starts their runs in one transaction', () => {
  it('assigns in the same transaction as the message, claims the events, and returns the waits to schedule', async () => {
    const ws = await routedWorkspace();
    const { outcomes, runs } = await receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'c1'), item(ws, 'c2'), item(ws, 'c1', 'again')]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const conversationIds = [...new Set(outcomes.map((o) => (o.ok ? o.result.conversationId : '')))];
    expect(conversationIds).toHaveLength(2);
    // One transaction: the assignment was written by the same transaction id as the conversation.
    const same = await handle.db.execute<{ same: boolean }>(sql`
      select bool_and(e.xmin::text = c.xmin::text) as same from conversation_events e join conversations c on c.id = e.conversation_id
       where e.type = 'assigned' and c.id in (${sql.join(conversationIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
    expect(same.rows[0]!.same).toBe(true);
    const events = await handle.db.select({ processed: outboxEvents.processedAt }).from(outboxEvents).where(eq(outboxEvents.workspaceId, ws.workspaceId));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.processed !== null)).toBe(true);
    const waits = runs.flatMap((r) => r.results.flatMap((x) => (x.wait ? [x.wait] : [])));
    expect(waits).toHaveLength(2);
    expect(waits.every((w) => w.wakeAt.getTime() - Date.now() > 14 * 60_000)).toBe(true);
    const stored = await handle.db.select({ status: workflowRuns.status }).from(workflowRuns).where(eq(workflowRuns.workspaceId, ws.workspaceId));
    expect(stored.map((r) => r.status)).toEqual(['waiting', 'waiting']);
  });

  it('claims the events in the round trip that stores them, unless a contact writes twice in the batch (two rounds)', async () => {
    const ws = await routedWorkspace();
    const before = claimStats.ahead;
    const one = await receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'x1'), item(ws, 'x2')]);
    expect(claimStats.ahead).toBe(before + 1);
    const two = await receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'x3'), item(ws, 'x3', 'again')]);
    expect(claimStats.ahead).toBe(before + 1);
    // Either way every new conversation is assigned, in the same transaction.
    const statuses = (r: typeof one) => r.runs.flatMap((x) => x.results.map((run) => run.status));
    expect(statuses(one)).toEqual(['waiting', 'waiting']);
    expect(statuses(two)).toEqual(['waiting']);
    expect(Object.keys(await assigneesByContact(ws)).sort()).toEqual(['x1', 'x2', 'x3']);
  });

  it('decides exactly as storing first and starting the runs in a later transaction (the worker path)', async () => {
    const inline = await routedWorkspace();
    const later = await routedWorkspace();
    const contacts = ['a', 'b', 'c', 'a', 'd', 'e', 'b'];
    // Two API batches each, in the same order.
    for (const batch of [contacts.slice(0, 4), contacts.slice(4)]) {
      await receiveInboundMessagesAndStartRuns(handle.db, batch.map((c) => item(inline, c)));
      const outcomes = await receiveInboundMessages(handle.db, batch.map((c) => item(later, c)));
      await startRunsForEvents(handle.db, outcomes.flatMap((o) => (o.ok ? o.result.outboxEventIds.map((eventId) => ({ workspaceId: later.workspaceId, eventId })) : [])));
    }
    const name = (ws: TestWorkspace, id: string | null) => Object.entries(ws.users).find(([, u]) => u.id === id)?.[0];
    const inlineAssignees = Object.fromEntries(Object.entries(await assigneesByContact(inline)).map(([c, id]) => [c, name(inline, id)]));
    const laterAssignees = Object.fromEntries(Object.entries(await assigneesByContact(later)).map(([c, id]) => [c, name(later, id)]));
    expect(inlineAssignees).toEqual(laterAssignees);
    expect(Object.keys(inlineAssignees)).toHaveLength(5);
  });

  it('a second delivery of the events (the worker, the outbox relay) starts nothing more', async () => {
    const ws = await routedWorkspace();
    const { outcomes } = await receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'x')]);
    const refs = outcomes.flatMap((o) => (o.ok ? o.result.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })) : []));
    const again = await startRunsForEvents(handle.db, refs);
    expect(again.flatMap((r) => r.results)).toEqual([]);
    const runCount = await handle.db.select({ id: workflowRuns.id }).from(workflowRuns).where(eq(workflowRuns.workspaceId, ws.workspaceId));
    expect(runCount).toHaveLength(1);
  });

  it('a workspace without workflows: messages stored, events claimed, no runs', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
    const { outcomes, runs } = await receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'q')]);
    expect(outcomes[0]!.ok).toBe(true);
    expect(runs.flatMap((r) => r.results)).toEqual([]);
    const open = await handle.db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.workspaceId, ws.workspaceId), eq(conversations.status, 'open')));
    expect(open).toHaveLength(1);
  });

  it('a workflow that cannot start fails the whole transaction, leaving nothing half-written', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }], teams: { Sales: ['A1'] } });
    const t = tenant(handle.db, ws.workspaceId);
    const { id } = await createWorkflow(t, { name: 'Broken', definition: roundRobinOnlineOnly({ teamId: ws.teams.Sales! }) as never }, null);
    await publishWorkflow(t, id, null);
    // A stored definition the engine refuses (never parsed in this process, so not cached).
    // Versions are append-only (a trigger): only a damaged database looks like this.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update workflow_versions set definition = '{"version": "bogus"}'::jsonb where workflow_id = ${id}`);
    });
    await expect(receiveInboundMessagesAndStartRuns(handle.db, [item(ws, 'z')])).rejects.toThrow();
    const written = await handle.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, ws.workspaceId));
    expect(written).toEqual([]);
    // The API then stores the message alone and leaves the event to the worker.
    const alone = await receiveInboundMessages(handle.db, [item(ws, 'z')]);
    expect(alone[0]!.ok).toBe(true);
    const pending = await handle.db
      .select({ processed: outboxEvents.processedAt })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, ws.workspaceId), inArray(outboxEvents.type, ['conversation.opened'])))
      .orderBy(asc(outboxEvents.createdAt));
    expect(pending.map((p) => p.processed)).toEqual([null]);
  });
});

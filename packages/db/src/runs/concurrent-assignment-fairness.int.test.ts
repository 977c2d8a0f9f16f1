import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { leastOpenConversations, roundRobinOnlineOnly } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { conversations } from '../schema';
import { startRunsForEvent } from './start-runs-for-event';

const handle = testDatabase(20);
afterAll(() => handle.close());

async function assignConcurrently(build: (teamId: string) => unknown, n: number) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }, { name: 'A2' }, { name: 'A3' }, { name: 'A4' }, { name: 'Off', availability: 'offline' }],
    teams: { Sales: ['A1', 'A2', 'A3', 'A4', 'Off'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const { id } = await createWorkflow(t, { name: 'Rotation', definition: build(ws.teams.Sales!) as never }, null);
  await publishWorkflow(t, id, null);
  const inbound = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      receiveInboundMessage(t, ws.channelId, { contact: { externalId: `fair-${i}` }, text: 'hi' }),
    ),
  );
  // All 16 assignments decided at the same time, as 16 workers would.
  await Promise.all(inbound.map((m) => startRunsForEvent(t, m.outboxEventIds[0]!)));
  const rows = await handle.db
    .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ws.workspaceId)))
    .groupBy(conversations.assigneeId);
  return { ws, counts: new Map(rows.map((r) => [r.assigneeId, r.n])) };
}

describe('fairness under concurrency', () => {
  it('round robin: 16 parallel assignments over 4 online agents give each exactly 4', async () => {
    const { ws, counts } = await assignConcurrently((teamId) => roundRobinOnlineOnly({ teamId }), 16);
    for (const name of ['A1', 'A2', 'A3', 'A4']) expect(counts.get(ws.users[name]!.id)).toBe(4);
    expect(counts.get(ws.users.Off!.id)).toBeUndefined();
  });

  it('least open: 16 parallel assignments over 4 online agents give each exactly 4', async () => {
    const { ws, counts } = await assignConcurrently((teamId) => leastOpenConversations({ teamId }), 16);
    for (const name of ['A1', 'A2', 'A3', 'A4']) expect(counts.get(ws.users[name]!.id)).toBe(4);
  });
});

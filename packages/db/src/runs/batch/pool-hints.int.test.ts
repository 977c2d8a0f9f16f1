import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { updateWorkflow } from '../../workflows/update-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { messages } from '../../schema';
import { receiveInboundMessagesAndStartRuns } from '../../conversations/inbound/receive-inbound-messages';
import { forgetPoolHints, poolHintStats } from './pool-hints';

const handle = testDatabase(3);
afterAll(() => handle.close());

describe('pool hints: an inline start locks the pools it predicts in the claim round trip', () => {
  it('predicts after the first batch, and a workflow republished with another team is rolled back once and routed right', async () => {
    forgetPoolHints();
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Admin', role: 'admin' }, { name: 'S1' }, { name: 'S2' }, { name: 'T1' }],
      teams: { Sales: ['S1', 'S2'], Support: ['T1'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    const definition = (first: string, second: string) =>
      reassignIfNoReply({ firstTeamId: first, waitMinutes: 15, secondTeamId: second }) as never;
    const { id } = await createWorkflow(t, { name: 'Routing', definition: definition(ws.teams.Sales!, ws.teams.Support!) }, null);
    await publishWorkflow(t, id, null);
    const send = (contact: string) =>
      receiveInboundMessagesAndStartRuns(handle.db, [
        { workspaceId: ws.workspaceId, channelId: ws.channelId, input: { contact: { externalId: contact }, text: 'hello' } },
      ]);
    const assignee = async (contact: string) => {
      const r = await handle.db.execute<{ to: string | null }>(sql`
        select e.to_user_id as "to" from conversation_events e
          join conversations c on c.id = e.conversation_id join contacts ct on ct.id = c.contact_id
         where c.workspace_id = ${ws.workspaceId} and ct.external_id = ${contact} and e.type = 'assigned'`);
      return r.rows.map((x) => x.to);
    };
    const sales = [ws.users.S1!.id, ws.users.S2!.id];

    await send('c1'); // a workspace never seen: nothing predicted
    expect(poolHintStats).toEqual({ predicted: 0, missed: 0 });
    await send('c2'); // learned from the first claim: the Sales pool is locked ahead
    expect(poolHintStats).toEqual({ predicted: 1, missed: 0 });
    expect(sales).toContain((await assignee('c1'))[0]);
    expect(sales).toContain((await assignee('c2'))[0]);

    // Republished to start with Support: the next batch's prediction (Sales) falls short, its
    // transaction is rolled back and stored again without it — one message, one assignment.
    await updateWorkflow(t, id, { definition: definition(ws.teams.Support!, ws.teams.Sales!) }, null);
    await publishWorkflow(t, id, null);
    const [outcome] = (await send('c3')).outcomes;
    expect(outcome?.ok).toBe(true);
    expect(poolHintStats).toEqual({ predicted: 2, missed: 1 });
    expect(await assignee('c3')).toEqual([ws.users.T1!.id]);
    const stored = await handle.db.select({ id: messages.id }).from(messages)
      .where(and(eq(messages.workspaceId, ws.workspaceId), eq(messages.direction, 'incoming')));
    expect(stored).toHaveLength(3);

    await send('c4'); // learned again from the retried claim
    expect(poolHintStats).toEqual({ predicted: 3, missed: 1 });
    expect(await assignee('c4')).toEqual([ws.users.T1!.id]);
  });
});

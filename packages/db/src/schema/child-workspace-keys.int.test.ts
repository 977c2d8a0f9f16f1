import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessagesAndStartRuns } from '../conversations/inbound/receive-inbound-messages';

const handle = testDatabase(2);
afterAll(() => handle.close());

// Tables whose workspace key has no foreign key of its own (childWorkspaceIdColumn): their rows
// each hang off a parent of the same workspace and go with it (cascade).
const childTables = [
  'messages',
  'comments',
  'conversation_events',
  'outbox_events',
  'notifications',
  'workflow_runs',
  'run_steps',
];

async function countIn(workspaceId: string) {
  const out: Record<string, number> = {};
  for (const table of childTables) {
    const r = await handle.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
    );
    out[table] = r.rows[0]!.n;
  }
  return out;
}

describe('rows keyed to a parent in the same workspace', () => {
  it('have no foreign key to workspaces, and go with their conversation', async () => {
    const keys = await handle.db.execute<{ t: string }>(sql`
      select conrelid::regclass::text as t from pg_constraint
       where contype = 'f' and confrelid = 'workspaces'::regclass and conrelid::regclass::text = any(${`{${childTables.join(',')}}`}::text[])`);
    expect(keys.rows).toEqual([]);

    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }, { name: 'A2' }],
      teams: { Sales: ['A1'], Support: ['A2'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    const { id } = await createWorkflow(
      t,
      {
        name: 'Routing',
        definition: reassignIfNoReply({
          firstTeamId: ws.teams.Sales!,
          waitMinutes: 15,
          secondTeamId: ws.teams.Support!,
        }) as never,
      },
      null,
    );
    await publishWorkflow(t, id, null);
    await receiveInboundMessagesAndStartRuns(handle.db, [
      {
        workspaceId: ws.workspaceId,
        channelId: ws.channelId,
        input: { contact: { externalId: 'c1' }, text: 'hello' },
      },
    ]);
    const before = await countIn(ws.workspaceId);
    // Every table but comments has rows: the message, its events, the run, its steps, and the
    // assignment's notification.
    for (const table of childTables.filter((x) => x !== 'comments'))
      expect(before[table], table).toBeGreaterThan(0);

    // Every such row hangs off a conversation (directly, or through its run), so removing the
    // workspace's conversations — what a workspace removal cascades to — removes them all.
    await handle.db.execute(sql`delete from conversations where workspace_id = ${ws.workspaceId}`);
    expect(Object.values(await countIn(ws.workspaceId)).every((n) => n === 0)).toBe(true);
  });
});

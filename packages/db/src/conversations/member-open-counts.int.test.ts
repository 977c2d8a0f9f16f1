import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from './inbound/receive-inbound-message';

const handle = testDatabase(3);
afterAll(() => handle.close());

async function countsMatch(workspaceId: string) {
  const { rows } = await handle.pool.query(
    `select coalesce(k.user_id, a.assignee_id) as user_id, coalesce(k.open_count, 0) as kept, coalesce(a.n, 0) as actual
       from (select * from member_open_counts where workspace_id = $1) k
       full join (select assignee_id, count(*)::int as n from conversations
                   where workspace_id = $1 and status = 'open' and assignee_id is not null group by assignee_id) a
         on a.assignee_id = k.user_id`,
    [workspaceId],
  );
  return rows.filter((r) => Number(r.kept) !== Number(r.actual));
}

describe('member_open_counts (kept by a trigger)', () => {
  it('equals the real open count per assignee after any sequence of assign, unassign, close, reopen, delete', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'A' }, { name: 'B' }, { name: 'C' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const convs: string[] = [];
    for (let i = 0; i < 6; i++) convs.push((await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `oc-${i}` }, text: 'hi' })).conversationId);
    const people = [ws.users.A!.id, ws.users.B!.id, ws.users.C!.id, null];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('assign' as const), conv: fc.nat(5), who: fc.nat(3) }),
      fc.record({ kind: fc.constant('status' as const), conv: fc.nat(5), open: fc.boolean() }),
      fc.record({ kind: fc.constant('both' as const), conv: fc.nat(5), who: fc.nat(3), open: fc.boolean() }),
      fc.record({ kind: fc.constant('batch' as const), who: fc.nat(3) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'assign') await handle.pool.query('update conversations set assignee_id = $2 where id = $1', [convs[o.conv], people[o.who]]);
          // Reopening is refused by a partial unique index when the contact has another open
          // conversation; each contact has one here, so it always succeeds.
          if (o.kind === 'status') await handle.pool.query(`update conversations set status = $2 where id = $1`, [convs[o.conv], o.open ? 'open' : 'closed']);
          if (o.kind === 'both')
            await handle.pool.query(`update conversations set status = $2, assignee_id = $3 where id = $1`, [convs[o.conv], o.open ? 'open' : 'closed', people[o.who]]);
          // Many rows in one statement, as a batch writes them.
          if (o.kind === 'batch') await handle.pool.query('update conversations set assignee_id = $2 where id = any($1::uuid[])', [convs.slice(0, 4), people[o.who]]);
        }
        expect(await countsMatch(ws.workspaceId)).toEqual([]);
      }),
      { numRuns: 40 },
    );
    await handle.pool.query('delete from conversations where id = $1', [convs[0]]);
    expect(await countsMatch(ws.workspaceId)).toEqual([]);
  });
});

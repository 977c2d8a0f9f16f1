// The chaos tests wait for "every run completed" before checking the invariants. That check
// must not pass while a late event's run is being inserted: once, under load, it read the
// open runs before a batch inserted 5 new ones (still waiting) and the total after it.
import { afterAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, resumeWaitingRuns, startRunsForEvents } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { createChaosWorkspace } from '../../../chaos/chaos-workspace';
import { runsSettled, type Query } from '../../../chaos/invariants';

const handle = testDatabase(4);
afterAll(() => handle.close());

describe('chaos settle check', () => {
  it('a run started while the check reads does not pass for settled', async () => {
    const ws = await createChaosWorkspace(handle.db, 60);
    const open = async (i: number) =>
      (await receiveInboundMessage(ws.t, ws.channelId, { contact: { externalId: `s-${i}` }, text: 'Hello?', externalId: `sm-${i}` })).outboxEventIds.map(
        (eventId) => ({ workspaceId: ws.workspaceId, eventId }),
      );
    const finish = async (events: Awaited<ReturnType<typeof open>>) => {
      const waits = (await startRunsForEvents(handle.db, events)).flatMap((e) => e.results.map((r) => r.wait!));
      const resumed = await resumeWaitingRuns(handle.db, waits.map((w) => ({ ...w, force: true })));
      expect(resumed.map((r) => r.outcome === 'resumed' && r.result.status)).toEqual(waits.map(() => 'completed'));
    };
    const query: Query = (text, params) => handle.pool.query(text, params);

    await finish(await open(0));
    const late = await open(1);
    expect(await runsSettled(query, ws.workspaceId, 2)).toBe(false);

    // The late event's batch commits right after the check's first statement, as it did in the
    // failed run; its run is inserted waiting (60 s), so nothing has settled.
    let landed = false;
    const racing: Query = async (text, params) => {
      const result = await query(text, params);
      if (!landed) {
        landed = true;
        await startRunsForEvents(handle.db, late);
      }
      return result;
    };
    expect(await runsSettled(racing, ws.workspaceId, 2)).toBe(false);
    expect(landed).toBe(true);

    const [run] = (await handle.pool.query(`select id, wait_seq from workflow_runs where workspace_id = $1 and status = 'waiting'`, [ws.workspaceId])).rows;
    await resumeWaitingRuns(handle.db, [{ workspaceId: ws.workspaceId, runId: run.id, waitSeq: run.wait_seq, force: true }]);
    expect(await runsSettled(query, ws.workspaceId, 2)).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, publishWorkflow, receiveInboundMessage, startRunsForEvent, tenant, type Tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { QueueClient, createRedis, waitJobId } from '@baton/queue';
import { reassignIfNoReply } from '@baton/engine';
import { signInAs } from '@/security/session-state';
import { cancelRunAction, fireWaitNowAction, retryRunAction } from './run-actions';

// "Fire now", "cancel" and "retry" on the runs pages change the database and leave the queue
// work to the data function's receipt, handed off after the commit (the web never touches the
// queue itself, and never runs the engine). Real Postgres and Redis; the actions as called.

const prefix = `run-actions-${randomUUID().slice(0, 8)}`;
process.env.BATON_QUEUE_PREFIX = prefix;

const handle = testDatabase(3);
const redis = createRedis(process.env.REDIS_URL!, 'run-actions-hand-off-test');
const queues = new QueueClient(redis, prefix);
let ws: TestWorkspace;
let t: Tenant;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Lee', role: 'lead' }, { name: 'Alice' }, { name: 'Carol' }],
    teams: { Sales: ['Alice'], Support: ['Carol'] },
  });
  t = tenant(handle.db, ws.workspaceId);
  const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, waitMinutes: 15 });
  const { id } = await createWorkflow(t, { name: 'Reassign', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  signInAs(ws.users.Lee!.id, ws.workspaceId);
});

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await handle.close();
});

/** A run waiting 15 minutes, its timer in Redis as the worker's hand-off left it. */
async function waitingRun() {
  const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: randomUUID() }, text: 'Hello?' });
  const [run] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
  await queues.scheduleWaits([run!.wait!]);
  return { runId: run!.runId, waitSeq: run!.wait!.waitSeq };
}

describe('run actions hand their queue work off after the commit', () => {
  it('fire now: the delayed timer job becomes due at once', async () => {
    const { runId, waitSeq } = await waitingRun();
    const job = await queues.waits.getJob(waitJobId(runId, waitSeq));
    expect(await job!.getState()).toBe('delayed');
    expect(job!.delay).toBeGreaterThan(14 * 60_000);

    expect(await fireWaitNowAction(runId, waitSeq)).toEqual({ ok: true });
    const fired = await queues.waits.getJob(waitJobId(runId, waitSeq));
    expect(fired!.delay).toBe(0);
  });

  it('cancel: the cancelled run’s timer job is removed', async () => {
    const { runId, waitSeq } = await waitingRun();
    expect(await queues.waits.getJob(waitJobId(runId, waitSeq))).toBeTruthy();
    expect(await cancelRunAction(runId)).toEqual({ ok: true });
    expect(await queues.waits.getJob(waitJobId(runId, waitSeq))).toBeUndefined();
  });

  it('retry: the failed run’s new wait, due now, is in the queue for the worker', async () => {
    const { runId } = await waitingRun();
    await handle.pool.query(`update workflow_runs set status = 'failed', error = 'boom', current_step_id = 'check-reply', wake_at = null where id = $1`, [runId]);
    expect(await retryRunAction(runId)).toEqual({ ok: true });
    const { rows } = await handle.pool.query('select status, wait_seq from workflow_runs where id = $1', [runId]);
    expect(rows[0].status).toBe('waiting');
    const job = await queues.waits.getJob(waitJobId(runId, rows[0].wait_seq));
    expect(job?.data).toEqual({ workspaceId: ws.workspaceId, runId, waitSeq: rows[0].wait_seq });
  });

  it('a refused action (the timer already moved on) hands nothing off', async () => {
    const { runId, waitSeq } = await waitingRun();
    const result = await fireWaitNowAction(runId, waitSeq + 1);
    expect(result.ok).toBe(false);
    expect((await queues.waits.getJob(waitJobId(runId, waitSeq)))!.delay).toBeGreaterThan(14 * 60_000);
  });
});

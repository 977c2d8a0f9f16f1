// Redis holds ids only: after conversations go through the worker (events, waits,
// reassignments, comments), nothing in this deployment's keys — job data, return values,
// events streams, realtime payloads — contains a name, an email or a message text.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInboundMessage, getConversation } from '@baton/db';
import { testDatabase } from '@baton/db/testing';
import { startTestWorker, seedScenarioWorkspace, waitFor } from './test-harness';

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

async function dumpPrefix(prefix: string): Promise<string> {
  const r = harness.redis;
  const keys = await r.keys(`${prefix}:*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await r.type(key);
    parts.push(key);
    if (type === 'string') parts.push((await r.get(key)) ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await r.hgetall(key)));
    else if (type === 'list') parts.push(JSON.stringify(await r.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(JSON.stringify(await r.smembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await r.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await r.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

describe('no personal data in Redis', () => {
  it('job payloads and every key of the deployment hold ids only', async () => {
    const { ws, t } = await seedScenarioWorkspace(handle.db, { waitSeconds: 1 });
    const secretText = `my card number is ${randomUUID()}`;
    const contact = { externalId: `ext-${randomUUID()}`, name: 'Zelda Quixote-Private', email: `zelda-${randomUUID().slice(0, 6)}@customer.test` };
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact, text: secretText });
    await harness.queues.enqueueEvents(ws.workspaceId, inbound.outboxEventIds);
    // While the wait is pending its timer sits in Redis: look then, and after it fired.
    await waitFor(async () => (await harness.queues.waits.getDelayed()).length > 0 || (await getConversation(t, inbound.conversationId)).comments.length > 0);
    const during = await dumpPrefix(harness.prefix);
    await waitFor(async () => (await getConversation(t, inbound.conversationId)).comments.length > 0, 15_000);
    const after = await dumpPrefix(harness.prefix);
    const forbidden = [secretText, contact.name, contact.email, contact.externalId, ...Object.values(ws.users).flatMap((u) => [u.name, u.email])];
    for (const dump of [during, after]) {
      expect(dump.length).toBeGreaterThan(0);
      for (const f of forbidden) expect(dump.includes(f), `"${f}" found in Redis`).toBe(false);
    }
    // And what is there parses as the id-only schemas.
    for (const job of [...(await harness.queues.waits.getDelayed()), ...(await harness.queues.eventQueueFor(ws.workspaceId).getCompleted())]) {
      expect(Object.keys(job.data).sort()).toEqual(expect.arrayContaining(['workspaceId']));
    }
  });
});

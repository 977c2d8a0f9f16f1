import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createWorkflow, getConversation, publishWorkflow, tenant, updateChannel, verifySignature } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { reassignIfNoReply, type OutgoingMessageFrom, type WorkflowDefinition } from '@baton/engine';
import { customerWrites, startTestWorker, waitFor } from './test-harness';

type Received = { body: string; timestamp: string; signature: string; deliveryId: string };

/** The channel's receiver: a real HTTP server on 127.0.0.1 answering 200. */
async function receiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({
        body,
        timestamp: String(req.headers['x-baton-timestamp']),
        signature: String(req.headers['x-baton-signature']),
        deliveryId: String(req.headers['x-baton-delivery']),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baton`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const handle = testDatabase(10);
let harness: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  harness = await startTestWorker();
});
afterAll(async () => {
  await harness.stop();
  await handle.close();
});

/** The seed's workflow with a holding message right after the first assignment (Intercom's recipe). */
function withHoldingMessage(def: WorkflowDefinition, from: OutgoingMessageFrom): WorkflowDefinition {
  return {
    ...def,
    steps: [
      ...def.steps.map((s) =>
        s.type === 'branch'
          ? {
              ...s,
              config: {
                ...s.config,
                branches: s.config.branches.map((b) => ({
                  ...b,
                  // The seed asks about the assignee's own replies (which automated messages never
                  // are); this test is about what an outgoing-message condition counts.
                  conditions: b.conditions.map((c) =>
                    c.kind === 'assignee_replied' || c.kind === 'last_outgoing_message'
                      ? { id: c.id, kind: 'last_outgoing_message' as const, operator: 'not_exists' as const, from }
                      : c,
                  ),
                })),
              },
            }
          : s,
      ),
      { id: 'hold', type: 'send_message', config: { text: 'Hi {{contact.name}}, {{assignee.name}} will be with you shortly.' } },
    ],
    edges: [
      ...def.edges.filter((e) => !(e.source === 'assign-first' && e.sourceHandle === 'next')),
      { id: 'e-hold-in', source: 'assign-first', sourceHandle: 'next', target: 'hold' },
      { id: 'e-hold-out', source: 'hold', sourceHandle: 'next', target: 'wait' },
    ],
  };
}

async function scenario(from: OutgoingMessageFrom, outboundUrl: string) {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }, { name: 'Bob', availability: 'offline' }, { name: 'Carol' }],
    teams: { Sales: ['Alice', 'Bob'], Support: ['Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  await updateChannel(t, ws.channelId, { name: 'Web chat', outboundUrl });
  const definition = withHoldingMessage(
    reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: 2, unit: 'seconds' } }),
    from,
  );
  const { id } = await createWorkflow(t, { name: 'Hold then hand off', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const inbound = await customerWrites(t, harness.queues, ws.channelId);
  return { ws, t, inbound };
}

describe('send message step through the real worker', () => {
  it('delivers a signed automated message to the channel receiver and, with "agent replies only", the seed still reassigns', async () => {
    const rx = await receiver();
    try {
      const { ws, t, inbound } = await scenario('agent', rx.url);
      const [delivered] = await waitFor(async () => (rx.received.length ? rx.received : null));
      expect(verifySignature({ secret: ws.channelOutboundSecret, rawBody: delivered!.body, timestamp: delivered!.timestamp, signature: delivered!.signature })).toEqual({ ok: true });
      const payload = JSON.parse(delivered!.body) as Record<string, unknown>;
      expect(payload).toMatchObject({ type: 'message.outgoing', text: 'Hi Dana, Alice will be with you shortly.', author: null, automated: true });

      const message = async () =>
        (
          await handle.db.execute<{ direction: string; automated: boolean; author: string | null; status: string; run: string | null }>(
            sql`select direction, automated, author_user_id as author, delivery_status as status, workflow_run_id as run
                  from messages where workspace_id = ${ws.workspaceId} and id = ${delivered!.deliveryId}`,
          )
        ).rows[0]!;
      expect(await message()).toMatchObject({ direction: 'outgoing', automated: true, author: null });
      expect((await message()).run).not.toBeNull();
      await waitFor(async () => (await message()).status === 'delivered');

      // The holding message is not a reply: the hand-off to Support still happens.
      const reassigned = await waitFor(async () => {
        const c = await getConversation(t, inbound.conversationId);
        return c.assigneeId === ws.users.Carol!.id ? c : null;
      });
      expect(reassigned.events.map((e) => e.type)).toEqual(['opened', 'assigned', 'reassigned']);
      const { rows } = await handle.db.execute<Record<string, unknown>>(
        sql`select first_response_at, first_response_ms, last_agent_reply_at, last_outgoing_at, last_message_preview
              from conversations where workspace_id = ${ws.workspaceId} and id = ${inbound.conversationId}`,
      );
      // Not a first response, not an agent reply; but it is the last outgoing message.
      expect(rows[0]).toMatchObject({ first_response_at: null, first_response_ms: null, last_agent_reply_at: null });
      expect(rows[0]!.last_outgoing_at).not.toBeNull();
      expect(rows[0]!.last_message_preview).toBe('Hi Dana, Alice will be with you shortly.');
      expect(rx.received).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });

  it('with "any outgoing", the same holding message counts as a reply and the conversation stays with Alice', async () => {
    const rx = await receiver();
    try {
      const { ws, t, inbound } = await scenario('any', rx.url);
      await waitFor(async () => rx.received.length > 0);
      // The wait (2 s) has ended and the branch found an outgoing message: the run completes without reassigning.
      await waitFor(async () => {
        const { rows } = await handle.db.execute<{ status: string }>(
          sql`select status from workflow_runs where workspace_id = ${ws.workspaceId} and conversation_id = ${inbound.conversationId}`,
        );
        return rows.length === 1 && rows[0]!.status === 'completed';
      });
      const c = await getConversation(t, inbound.conversationId);
      expect(c.assigneeId).toBe(ws.users.Alice!.id);
      expect(c.events.map((e) => e.type)).toEqual(['opened', 'assigned']);
    } finally {
      await rx.close();
    }
  });
});

// "Send test" on a channel is an SSRF probe in an attacker's hands (anyone can sign up and own
// a workspace): the caller learns the receiver's HTTP status and nothing of what it answered,
// and a URL aimed at this machine is refused when private outbound is not allowed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { tenant, updateChannel, verifySignature } from '@baton/db';
import { importWeb } from './discover-endpoints';
import { signInAs } from './session-state';

const handle = testDatabase();
let ws: TestWorkspace;
let server: Server;
let port = 0;
const received: Array<{ body: string; timestamp: string; signature: string }> = [];
const SECRET_BODY = 'internal-admin-token=hunter2';
const allowBefore = process.env.BATON_ALLOW_PRIVATE_OUTBOUND;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, timestamp: String(req.headers['x-baton-timestamp']), signature: String(req.headers['x-baton-signature']) });
      res.writeHead(req.url === '/ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(SECRET_BODY);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  if (allowBefore === undefined) delete process.env.BATON_ALLOW_PRIVATE_OUTBOUND;
  else process.env.BATON_ALLOW_PRIVATE_OUTBOUND = allowBefore;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await handle.close();
});

async function sendTest(outboundUrl: string) {
  await updateChannel(tenant(handle.db, ws.workspaceId), ws.channelId, { name: 'Test channel', outboundUrl });
  const { sendTestAction } = (await importWeb('app/(app)/settings/channels/actions.ts')) as { sendTestAction: (id: string) => Promise<{ ok: boolean; error?: string }> };
  signInAs(ws.users.Owner!.id, ws.workspaceId);
  return sendTestAction(ws.channelId);
}

describe('channel "Send test"', () => {
  it('a failing receiver: the caller sees "HTTP 500" and none of its body', async () => {
    process.env.BATON_ALLOW_PRIVATE_OUTBOUND = '1';
    const result = await sendTest(`http://127.0.0.1:${port}/fails`);
    expect(result).toEqual({ ok: false, error: 'The receiver did not accept it: HTTP 500' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('is signed with the outbound secret, which the inbound secret does not verify', async () => {
    process.env.BATON_ALLOW_PRIVATE_OUTBOUND = '1';
    received.length = 0;
    expect(await sendTest(`http://127.0.0.1:${port}/ok`)).toEqual({ ok: true, data: { status: 200 } });
    const [r] = received;
    expect(verifySignature({ secret: ws.channelOutboundSecret, rawBody: r!.body, timestamp: r!.timestamp, signature: r!.signature })).toEqual({ ok: true });
    expect(verifySignature({ secret: ws.channelSecret, rawBody: r!.body, timestamp: r!.timestamp, signature: r!.signature })).toMatchObject({ ok: false });
  });

  it.each(['http://[::ffff:127.0.0.1]:PORT/ok', 'http://127.0.0.1:PORT/ok', 'http://localhost:PORT/ok', 'http://[::ffff:7f00:1]:PORT/ok'])(
    'refuses %s without private outbound, and the local service receives nothing',
    async (template) => {
      delete process.env.BATON_ALLOW_PRIVATE_OUTBOUND;
      received.length = 0;
      const result = await sendTest(template.replace('PORT', String(port)));
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/Refused: /);
      expect(received).toHaveLength(0);
    },
  );
});

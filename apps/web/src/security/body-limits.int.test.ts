// Request bodies are bounded before they are read (security review #4): every route handler
// that takes a body answers 413 naming the limit to a 2 MiB body, whether it declares its
// Content-Length (refused before reading) or streams it chunked (reading stops as soon as
// it passes the limit), and a 50 MiB streamed upload does not grow the process by its size.
// The fast path in server.ts is covered here through node:http and in e2e through the real server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createWorkflow, receiveInboundMessage, signPayload, tenant } from '@baton/db';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { emptyDefinition } from '@baton/db';
import { inboundChannelId, serveInbound } from '@/server/ingest/inbound-fast-path';
import { postRawBody } from './post-raw-body';
import { DEFAULT_MAX_BODY_BYTES } from '@/server/body/body-limit';
import { HTTP_METHODS, importWeb, routeFiles, webSrc } from './discover-endpoints';

const handle = testDatabase(3);
let ws: TestWorkspace;
let key: string;
let ids: Record<string, string>;
const MiB = 1 << 20;

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }] });
  const t = tenant(handle.db, ws.workspaceId);
  key = (await createApiKey(t, { name: 'body limits', createdBy: null })).plaintext;
  const workflowId = (await createWorkflow(t, { name: 'Body target', definition: emptyDefinition() as never }, null)).id;
  const conversationId = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'big' }, text: 'hi' })).conversationId;
  ids = { conversations: conversationId, workflows: workflowId, users: ws.users.Al!.id, runs: randomUUID(), channels: ws.channelId, teams: ws.teams.Sales ?? randomUUID() };
});
afterAll(() => handle.close());

// next-auth reads its own (small) form: only a declared Content-Length is refused before it does.
const NEXT_AUTH = 'app/api/auth/[...nextauth]/route.ts';
const BODY_METHODS = HTTP_METHODS.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));

/** Every (route file, method) that accepts a body, with real ids for its path. */
function bodyEndpoints() {
  return routeFiles()
    .filter((f) => f.startsWith('app/api/'))
    .flatMap((file) => {
      const source = readFileSync(path.join(webSrc, file), 'utf8');
      const segments = file.split('/');
      const i = segments.indexOf('[id]');
      const params: Params = i > 0 ? { id: ids[segments[i - 1]!]! } : {};
      const exported = (m: string) => new RegExp(`export (const|async function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source);
      return BODY_METHODS.filter(exported).map((method) => ({ file, method, params: file === NEXT_AUTH ? { nextauth: ['callback', 'credentials'] } : params }));
    });
}

type Params = Record<string, string | string[]>;
type Handler = (req: Request, ctx: { params: Promise<Params> }) => Promise<Response>;

/** A body that is made only as it is pulled: how much was pulled is how much the handler read. */
function streamedBody(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const n = Math.min(chunk, total - pulled);
        pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x20)); // spaces: the start of valid JSON
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

function signedHeaders(raw: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  return { 'x-baton-timestamp': ts, 'x-baton-signature': signPayload(ws.channelSecret, ts, raw) };
}

async function call(file: string, method: string, params: Params, init: { body: BodyInit; headers: Record<string, string> }) {
  const mod = await importWeb(file);
  return (mod[method] as Handler)(
    new Request(`http://baton.test/${file}`, { method, body: init.body, headers: init.headers, duplex: 'half' } as RequestInit),
    { params: Promise.resolve(params) },
  );
}

async function expect413(res: Response) {
  expect(res.status).toBe(413);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('payload_too_large');
  expect(body.error.message).toContain(String(DEFAULT_MAX_BODY_BYTES));
  expect(res.headers.get('connection')).toBe('close');
}

describe('request body limit on every body-taking route', () => {
  it('finds the routes it covers (a new body route is covered automatically)', () => {
    const found = bodyEndpoints().map((e) => `${e.method} ${e.file}`);
    expect(found).toContain('POST app/api/v1/channels/[id]/messages/route.ts');
    expect(found).toContain('PUT app/api/v1/workflows/[id]/route.ts');
    expect(found).toContain(`POST ${NEXT_AUTH}`);
    expect(found.length).toBeGreaterThanOrEqual(8);
  });

  it('a declared 2 MiB body → 413 naming the limit, before authentication or reading', async () => {
    const raw = ' '.repeat(2 * MiB);
    for (const { file, method, params } of bodyEndpoints()) {
      for (const auth of [{ authorization: `Bearer ${key}` }, { authorization: 'Bearer bk_live_unknown' }]) {
        const res = await call(file, method, params, { body: raw, headers: { 'content-type': 'application/json', 'content-length': String(raw.length), ...auth } });
        await expect413(res);
      }
    }
    // The signed inbound path (no API key) as well.
    const res = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: ws.channelId }, { body: raw, headers: { 'content-length': String(raw.length), ...signedHeaders(raw) } });
    await expect413(res);
  });

  it('a streamed (chunked) 2 MiB body → 413, read no further than the limit', async () => {
    // Routes that read a body: those that call readJson or read the inbound body.
    // Routes that read a body: those that call readJson or read the inbound body, and the
    // public endpoints that declare a body (apiEndpoint reads it for them).
    const { ALL_ENDPOINTS } = await import('@/server/api/endpoints/all-endpoints');
    const { routeFileOf } = await import('@/server/api/testing/call-endpoint');
    const declared = new Set(ALL_ENDPOINTS.filter((e) => e.body).map((e) => `${e.method.toUpperCase()} ${routeFileOf(e)}`));
    const readers = bodyEndpoints()
      .filter(({ file }) => file !== NEXT_AUTH)
      .filter(({ file, method }) => declared.has(`${method} ${file}`) || /readJson|ingestInboundMessage|readRequestText/.test(readFileSync(path.join(webSrc, file), 'utf8')));
    expect(readers.length).toBeGreaterThanOrEqual(6);
    for (const { file, method, params } of readers) {
      const body = streamedBody(2 * MiB);
      const res = await call(file, method, params, { body: body.stream, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
      await expect413(res);
      expect(body.pulled(), `${method} ${file}`).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 4 * 64 * 1024);
    }
    const body = streamedBody(2 * MiB);
    const res = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: ws.channelId }, { body: body.stream, headers: signedHeaders('x') });
    await expect413(res);
    expect(body.pulled()).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 4 * 64 * 1024);
  });

  it('BATON_MAX_BODY_BYTES sets the limit', async () => {
    process.env.BATON_MAX_BODY_BYTES = '1024';
    try {
      const raw = JSON.stringify({ contact: { externalId: 'x' }, text: 'y'.repeat(2000) });
      const res = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: ws.channelId }, { body: raw, headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('1024 bytes');
    } finally {
      delete process.env.BATON_MAX_BODY_BYTES;
    }
  });

  it('the API key is checked before the body is read; the signed path finds the channel first', async () => {
    const unknownKey = streamedBody(512 * 1024);
    const refused = await call('app/api/v1/workflows/route.ts', 'POST', {}, { body: unknownKey.stream, headers: { authorization: 'Bearer bk_live_unknown' } });
    expect(refused.status).toBe(401);
    expect(unknownKey.pulled()).toBeLessThanOrEqual(4 * 64 * 1024);
    const noChannel = streamedBody(512 * 1024);
    const missing = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: randomUUID() }, { body: noChannel.stream, headers: signedHeaders('x') });
    expect(missing.status).toBe(404);
    expect(noChannel.pulled()).toBeLessThanOrEqual(4 * 64 * 1024);
  });

  it('a slow body times out with 408', async () => {
    const { readRequestText } = await import('@/server/body/read-request-body');
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array(10)) });
    const req = new Request('http://baton.test/x', { method: 'POST', body: stalled, duplex: 'half' } as RequestInit);
    const error = await readRequestText(req, { timeoutMs: 200 }).catch((e: unknown) => e);
    const { errorToReply } = await import('@/server/api/api-error-body');
    expect(errorToReply(error).status).toBe(408);
  });
});

function rssMiB() {
  return process.memoryUsage().rss / MiB;
}

describe('a 50 MiB streamed upload does not grow the process by its size', () => {
  it('signed inbound route handler', async () => {
    const before = rssMiB();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 5);
    const body = streamedBody(50 * MiB);
    const res = await call('app/api/v1/channels/[id]/messages/route.ts', 'POST', { id: ws.channelId }, { body: body.stream, headers: signedHeaders('x') });
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB());
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThan(2 * MiB);
    expect(peak - before).toBeLessThan(20);
  });

  describe('ingestion fast path over HTTP (chunked)', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const id = inboundChannelId(req);
        if (id === null) return void res.writeHead(418).end();
        void serveInbound(req, res, id);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    /** Streams `total` bytes chunked, honouring backpressure; stops when the server answers or closes. */
    function upload(total: number, headers: Record<string, string>) {
      return postRawBody({ host: '127.0.0.1', port, path: `/api/v1/channels/${ws.channelId}/messages`, headers, size: total, chunked: true, settleMs: 50 });
    }

    it('413 with Connection: close as soon as it passes the limit; memory stays flat', async () => {
      const before = rssMiB();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 5);
      const result = await upload(50 * MiB, { authorization: `Bearer ${key}`, 'content-type': 'application/json' });
      clearInterval(sampler);
      expect(result.status).toBe(413);
      expect(result.body).toContain('payload_too_large');
      expect(result.written).toBeLessThan(10 * MiB);
      expect(peak - before).toBeLessThan(20);
      // and keeps serving
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/channels/${ws.channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact: { externalId: 'after-50' }, text: 'still here' }),
      });
      expect(ok.status).toBe(201);
    });

    it('an unknown API key is refused before the body is read', async () => {
      const result = await upload(50 * MiB, { authorization: 'Bearer bk_live_unknown' });
      expect(result.status).toBe(401);
      expect(result.written).toBeLessThan(10 * MiB);
    });
  });
});

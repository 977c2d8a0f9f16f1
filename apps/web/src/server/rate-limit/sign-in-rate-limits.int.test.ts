// Sign-in rate limits through next-auth's real route handler and credentials provider, against
// the run's Redis and Postgres. The limits live inside authorize(), so no spelling of the path
// skips them; the client address is the one server.ts stamps from the socket, so a forged
// X-Forwarded-For (or a forged stamp) buys no fresh bucket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { sessionState } from '@/security/session-state';
import { CLIENT_IP_HEADER, markClientIpStamped } from './client-ip';
import { stampClientIp } from './stamp-client-ip';

const handle = testDatabase();
const ENV_KEYS = ['RATE_LIMITS', 'RATE_LIMIT_SIGNIN', 'RATE_LIMIT_SIGNIN_IP', 'NEXTAUTH_URL', 'TRUSTED_PROXY_HOPS'];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let member: { email: string; password: string };
type Route = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
let route: { GET: Route; POST: Route };

beforeAll(async () => {
  process.env.NEXTAUTH_URL = 'http://baton.test';
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Member', role: 'agent' }] });
  // createTestWorkspace's members have the password "password".
  member = { email: ws.users.Member!.email, password: 'password' };
  route = (await import('@/app/api/auth/[...nextauth]/route')) as unknown as typeof route;
  markClientIpStamped(true); // as server.ts does at start
});
afterEach(() => {
  for (const k of ENV_KEYS.filter((k) => k !== 'NEXTAUTH_URL')) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});
afterAll(async () => {
  markClientIpStamped(false);
  if (savedEnv.NEXTAUTH_URL === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedEnv.NEXTAUTH_URL;
  await handle.close();
});

/** next-auth reads headers and cookies through next/headers: the test setup answers those from sessionState. */
async function callNextAuth(method: 'GET' | 'POST', rawPath: string, nextauth: string[], headers: Headers, body?: string) {
  sessionState.headers = headers;
  const req = new NextRequest(new URL(rawPath, 'http://baton.test'), { method, headers, body });
  return route[method](req, { params: Promise.resolve({ nextauth }) });
}

/** A real CSRF token and cookie: without them next-auth never calls authorize(). */
async function csrf(): Promise<string> {
  sessionState.cookies.clear(); // a fresh visitor: next-auth only issues the cookie when there is none
  const res = await callNextAuth('GET', '/api/auth/csrf', ['csrf'], new Headers());
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.csrf-token='))!;
  const [name, value] = cookie.split(';')[0]!.split(/=(.*)/s) as [string, string];
  sessionState.cookies.set(name, decodeURIComponent(value));
  return csrfToken;
}

function form(email: string, password: string, csrfToken: string) {
  return new URLSearchParams({ email, password, csrfToken, json: 'true', callbackUrl: 'http://baton.test/inbox' }).toString();
}

/** One sign-in attempt as it arrives from the address `ip` (stamped, as server.ts does). */
async function attempt(email: string, password: string, ip: string, rawPath = '/api/auth/callback/credentials') {
  const token = await csrf();
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', [CLIENT_IP_HEADER]: ip });
  // Next hands route handlers decoded params: `credential%73` arrives as `credentials`.
  const nextauth = new URL(rawPath, 'http://x').pathname.split('/').slice(3).map(decodeURIComponent);
  return callNextAuth('POST', rawPath, nextauth, headers, form(email, password, token));
}

const randomIp = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('sign-in limit inside authorize()', () => {
  it('the right password signs in; a wrong one is 401 CredentialsSignin', async () => {
    const ok = await attempt(member.email, member.password, randomIp());
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))).toBe(true);
    const wrong = await attempt(member.email, 'nope', randomIp());
    expect(wrong.status).toBe(401);
    expect(new URL(((await wrong.json()) as { url: string }).url).searchParams.get('error')).toBe('CredentialsSignin');
  });

  it('percent-encoding the provider (callback/credential%73) does not skip it', async () => {
    process.env.RATE_LIMIT_SIGNIN = '3/60';
    const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(email, `guess-${i}`, randomIp(), '/api/auth/callback/credential%73')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('per account across many IPs: the 4th guess is refused from a fresh address, even with the right password', async () => {
    process.env.RATE_LIMIT_SIGNIN = '3/60';
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Target' }] });
    const target = ws.users.Target!.email;
    for (let i = 0; i < 3; i++) expect((await attempt(target.toUpperCase(), `guess-${i}`, randomIp())).status).toBe(401);
    const limited = await attempt(` ${target} `, 'password', randomIp());
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(limited.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))).toBe(false);
    const body = (await limited.json()) as { url: string; error: { code: string } };
    expect(body.error.code).toBe('rate_limited');
    // next-auth's client reads `error` from the url and hands it to the form.
    expect(new URL(body.url).searchParams.get('error')).toMatch(/^RateLimited:\d+$/);
  });

  it('a limited account and a limited unknown email answer alike (nothing about existence)', async () => {
    process.env.RATE_LIMIT_SIGNIN = '1/60';
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Known' }] });
    const shapes = [];
    for (const email of [ws.users.Known!.email, `nobody-${randomUUID().slice(0, 8)}@example.test`]) {
      expect((await attempt(email, 'guess', randomIp())).status).toBe(401);
      const limited = await attempt(email, 'guess', randomIp());
      const body = (await limited.json()) as { url: string; error: unknown };
      shapes.push({ status: limited.status, keys: Object.keys(body).sort(), error: new URL(body.url).searchParams.get('error')?.replace(/\d+$/, 'N') });
    }
    expect(shapes[0]).toEqual({ status: 429, keys: ['error', 'url'], error: 'RateLimited:N' });
    expect(shapes[1]).toEqual(shapes[0]);
  });
});

describe('through a real node:http server that stamps like server.ts', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        stampClientIp(req); // exactly what server.ts does before Next sees the request
        const body = await readBody(req);
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const url = new URL(req.url!, 'http://baton.test');
        const nextauth = url.pathname.split('/').slice(3).map(decodeURIComponent);
        const r = await callNextAuth(req.method as 'POST', url.pathname, nextauth, headers, body);
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain', 'retry-after': r.headers.get('retry-after') ?? '' });
        res.end(await r.text());
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a fresh X-Forwarded-For (and a forged x-baton-client-ip) on every request buys no fresh per-IP bucket', async () => {
    process.env.RATE_LIMIT_SIGNIN_IP = '5/60';
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      const token = await csrf();
      const res = await fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': randomIp(), [CLIENT_IP_HEADER]: randomIp() },
        body: form(`spray-${i}-${randomUUID().slice(0, 6)}@example.test`, 'Summer2026!', token),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('behind one trusted proxy (TRUSTED_PROXY_HOPS=1) the entry that proxy appended is the bucket', async () => {
    process.env.RATE_LIMIT_SIGNIN_IP = '2/60';
    process.env.TRUSTED_PROXY_HOPS = '1';
    const send = async (xff: string) => {
      const token = await csrf();
      const res = await fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
        body: form(`proxied-${randomUUID().slice(0, 6)}@example.test`, 'guess', token),
      });
      return res.status;
    };
    const client = randomIp();
    // The client forges a left entry each time; the proxy's appended address stays the same.
    expect([await send(`${randomIp()}, ${client}`), await send(`${randomIp()}, ${client}`), await send(`${randomIp()}, ${client}`)]).toEqual([401, 401, 429]);
    expect(await send(`${client}, ${randomIp()}`)).toBe(401);
  });
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

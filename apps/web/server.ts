// The production web server: Next.js behind a plain node:http server that answers the
// ingestion endpoint (API-key inbound messages) itself. Next's per-request handling cost
// ≈ 1.7 CPU-ms per request on two cores, as much as the rest of the routing path together;
// every other request — pages, server actions, the rest of the API — goes to Next as is.
//   pnpm --filter @baton/web start [-p 3000] [-H 0.0.0.0]
// runs it from its bundle (start-server.mjs → dist/server.mjs, build-server.mjs), not through tsx.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeDbError } from '@baton/db';
import { refuseToStartWithUnsafeSecrets } from '@baton/db/production-secrets';
import { hstsHeader } from './src/security/security-headers';
import { inboundChannelId, refuseDeclaredTooLargeApiBody, serveInbound } from './src/server/ingest/inbound-fast-path';
import { stampClientIp, trustStampedClientIp } from './src/server/rate-limit/stamp-client-ip';

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } }, strict: false });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = String(values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0');
// Next reads it when loaded: a production server unless told otherwise (as `next start`).
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
// Before Next loads: known or missing secrets in production end the process here, one line each.
refuseToStartWithUnsafeSecrets('web', { needsPublicUrl: true });

const { default: next } = await import('next');
// The app's folder: this file's, or the bundle's parent (dist/server.mjs; build-server.mjs defines the flag).
declare const BATON_BUILT_SERVER: boolean | undefined;
const dir = fileURLToPath(new URL(typeof BATON_BUILT_SERVER === 'undefined' ? '.' : '..', import.meta.url));
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Route handlers and server actions see headers, never the socket: every request carries
// the client address we computed (socket + TRUSTED_PROXY_HOPS), and any copy the client
// sent is overwritten, so rate limits key on an address the client cannot choose.
trustStampedClientIp();

// next.config.ts's headers are fixed when the app is built, often without the public URL: the
// HSTS decision is made here, at run time, for every response.
const hsts = hstsHeader();

const server = createServer((req, res) => {
  if (hsts) res.setHeader('Strict-Transport-Security', hsts);
  stampClientIp(req);
  const channelId = inboundChannelId(req);
  if (channelId === null) {
    if (refuseDeclaredTooLargeApiBody(req, res)) return;
    void handle(req, res);
    return;
  }
  serveInbound(req, res, channelId).catch((error: unknown) => {
    console.error('[ingest] request failed', describeDbError(error));
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } }));
  });
});
// A slow client holds a socket for as long as it takes to send its request: bound it well
// below Node's 300 s default (headers within 15 s, the whole request within 30 s; bodies are
// also bounded by the readers' own deadline). Responses are not affected (SSE streams stay open).
server.headersTimeout = 15_000;
server.requestTimeout = 30_000;
server.listen(port, hostname, () => console.log(`[web] ready on http://${hostname}:${port}`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiReply } from '@/server/api/api-error-body';
import { securityHeaders } from '@/security/security-headers';
import { declaredTooLarge, maxBodyBytes, payloadTooLargeReply } from '@/server/body/body-limit';
import { readIncomingText } from '@/server/body/read-node-body';
import { clientIpFromHeaders } from '@/server/rate-limit/client-ip';
import { ingestInboundMessage } from './ingest-inbound-message';

const INBOUND_PATH = /^\/api\/v1\/channels\/([^/?#]+)\/messages(?:\?.*)?$/;

const headerPairs = Object.fromEntries(securityHeaders().map(({ key, value }) => [key, value]));

/**
 * The channel id when this request is an API-key inbound message — the one endpoint that
 * takes customer traffic at hundreds a second — else null and Next serves it. Signed
 * webhooks and everything else stay on Next's routes.
 */
export function inboundChannelId(req: IncomingMessage): string | null {
  if (req.method !== 'POST' || !req.headers.authorization) return null;
  const match = INBOUND_PATH.exec(req.url ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

/**
 * Any API request (Next's routes included) whose declared Content-Length is over the limit is
 * answered here, before Next: with the same lingering close as the fast path, so the client
 * reads the 413 instead of a connection reset (the route's own 413 sometimes lost that race
 * when the socket closed under an upload still in flight). True when it answered.
 */
export function refuseDeclaredTooLargeApiBody(req: IncomingMessage, res: ServerResponse): boolean {
  if (!(req.url ?? '').startsWith('/api/')) return false;
  const limit = maxBodyBytes();
  if (!declaredTooLarge(req.headers['content-length'], limit)) return false;
  send(req, res, payloadTooLargeReply(limit));
  return true;
}

/**
 * Answers an inbound message with plain node:http: the same handler and bytes as the Next
 * route, none of Next's per-request work. A declared Content-Length over the limit is refused
 * at once; otherwise the API key is checked before the body is read, and the body is read
 * within the limit (BATON_MAX_BODY_BYTES) and the body deadline.
 */
export async function serveInbound(req: IncomingMessage, res: ServerResponse, channelId: string): Promise<void> {
  const limit = maxBodyBytes();
  if (declaredTooLarge(req.headers['content-length'], limit)) {
    send(req, res, payloadTooLargeReply(limit));
    return;
  }
  const reply = await ingestInboundMessage({
    authorization: req.headers.authorization,
    channelId,
    readBody: () => readIncomingText(req, { limit }),
    clientIp: () => clientIpFromHeaders(req.headers),
    idempotencyKey: headerValue(req.headers['idempotency-key']),
    path: req.url ?? '',
  });
  send(req, res, reply);
}

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? null));

/** How long a refused upload may keep sending (discarded) after its answer, so the client can read it. */
const LINGER_MS = 2_000;

/**
 * Answered before the client finished sending (413, 401 before the body, 408): we close the
 * connection, but closing a socket with unread data makes the kernel send a reset, and the
 * client can lose our answer with it. So, like nginx's lingering close, send FIN after the
 * answer and discard what still arrives for at most LINGER_MS (nothing is buffered), then close.
 */
function lingerBeforeClosing(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage['socket'] & { destroySoon?: () => void };
  // node:http calls destroySoon() once a `Connection: close` answer is flushed.
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
  req.resume();
}

function send(req: IncomingMessage, res: ServerResponse, reply: ApiReply): void {
  const text = JSON.stringify(reply.body);
  // Answered before the whole body was read (refused key, too large, too slow): the rest is
  // not wanted, so the connection closes (after a short linger) instead of draining it.
  const early = !req.complete;
  if (early) lingerBeforeClosing(req);
  res.writeHead(reply.status, {
    ...headerPairs,
    ...reply.headers,
    ...(early ? { Connection: 'close' } : {}),
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

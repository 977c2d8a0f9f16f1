import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiReply } from '@/server/api/api-error-body';
import { errorReply } from '@/server/api/api-error-body';
import { securityHeaders } from '@/security/security-headers';
import { ingestInboundMessage } from './ingest-inbound-message';

const INBOUND_PATH = /^\/api\/v1\/channels\/([^/?#]+)\/messages(?:\?.*)?$/;

/** Far above a 10,000-character message: a body this large is not a message we store. */
export const MAX_INBOUND_BODY_BYTES = 1 << 20;

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

/** Answers an inbound message with plain node:http: the same handler and bytes as the Next route, none of Next's per-request work. */
export async function serveInbound(req: IncomingMessage, res: ServerResponse, channelId: string): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    send(res, errorReply(413, 'payload_too_large', `The request body is larger than ${MAX_INBOUND_BODY_BYTES} bytes`));
    return;
  }
  send(res, await ingestInboundMessage({ authorization: req.headers.authorization, channelId, body }));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Over the limit: keep reading but drop it, so the client gets to read the 413
      // (answering mid-upload resets its connection).
      if (size <= MAX_INBOUND_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_INBOUND_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: ApiReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headerPairs,
    ...reply.headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

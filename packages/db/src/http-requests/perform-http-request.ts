import { request, type Agent } from 'undici';
import type { HttpRequestResult, PendingHttpRequest } from '@baton/engine';
import { createOutboundAgent, outboundAgent } from '../channels/outbound-agent';
import { allowsPrivateOutbound, checkOutboundDestination } from '../channels/outbound-destination';
import { describeSendFailure } from '../channels/outbound-failure';
import type { Resolver } from '../channels/outbound-lookup';

const MAX_RESPONSE_BYTES = 256 * 1024;
const SECRET_REF = /\{\{\s*secret\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** `{{secret.NAME}}` → the workspace secret's value; an unknown name is an error naming it (never a value). */
function fillSecrets(text: string, secrets: ReadonlyMap<string, string>): { text: string } | { missing: string } {
  let missing: string | null = null;
  const out = text.replace(SECRET_REF, (_whole, name: string) => {
    const v = secrets.get(name);
    if (v === undefined) missing ??= name;
    return v ?? '';
  });
  return missing ? { missing } : { text: out };
}

export function secretNamesIn(req: PendingHttpRequest): string[] {
  const all = [req.url, req.body ?? '', ...req.headers.map((h) => h.value)].join('\n');
  return [...new Set([...all.matchAll(SECRET_REF)].map((m) => m[1]!))];
}

async function once(
  req: PendingHttpRequest,
  parts: { url: URL; headers: Record<string, string>; body: string | null },
  dispatcher: Agent,
): Promise<Omit<HttpRequestResult, 'stepId'> & { retryable: boolean }> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    const res = await request(parts.url, { method: req.method, dispatcher, headers: parts.headers, body: parts.body ?? undefined, signal });
    const length = Number(res.headers['content-length'] ?? 0);
    if (length > MAX_RESPONSE_BYTES) {
      await res.body.dump().catch(() => undefined);
      return { status: res.statusCode, error: 'The response is too large', retryable: false };
    }
    const text = await res.body.text();
    if (text.length > MAX_RESPONSE_BYTES) return { status: res.statusCode, error: 'The response is too large', retryable: false };
    const retryable = res.statusCode >= 500 || res.statusCode === 429;
    if (res.statusCode < 200 || res.statusCode > 299) return { status: res.statusCode, error: `HTTP ${res.statusCode}`, retryable };
    if (text.trim() === '') return { status: res.statusCode, error: null, json: null, retryable: false };
    try {
      return { status: res.statusCode, error: null, json: JSON.parse(text) as unknown, retryable: false };
    } catch {
      return { status: res.statusCode, error: 'The response is not JSON', retryable: false };
    }
  } catch (error) {
    return { status: null, error: describeSendFailure(error, signal.aborted, req.timeoutMs), retryable: true };
  }
}

/**
 * Performs an HTTP request step's call for the worker, outside any transaction: secrets
 * filled in at the last moment, the outbound address guard (private, loopback and reserved
 * addresses refused unless BATON_ALLOW_PRIVATE_OUTBOUND=1, checked again at connect time),
 * the step's timeout per attempt and its retries on network errors, timeouts, 5xx and 429.
 * Never throws. The error is a status or a category, never the other side's words.
 */
export async function performHttpRequest(
  req: PendingHttpRequest,
  secrets: ReadonlyMap<string, string>,
  opts: { env?: NodeJS.ProcessEnv; resolver?: Resolver; retryDelayMs?: number } = {},
): Promise<HttpRequestResult> {
  const env = opts.env ?? process.env;
  const fail = (error: string): HttpRequestResult => ({ stepId: req.stepId, status: null, error });
  const url = fillSecrets(req.url, secrets);
  if ('missing' in url) return fail(`Unknown secret “${url.missing}” (add it in Settings → Secrets)`);
  const headers: Record<string, string> = { 'user-agent': 'Baton-Workflow/1', accept: 'application/json' };
  for (const h of req.headers) {
    const v = fillSecrets(h.value, secrets);
    if ('missing' in v) return fail(`Unknown secret “${v.missing}” (add it in Settings → Secrets)`);
    headers[h.name.toLowerCase()] = v.text;
  }
  let body: string | null = null;
  if (req.body !== null) {
    const b = fillSecrets(req.body, secrets);
    if ('missing' in b) return fail(`Unknown secret “${b.missing}” (add it in Settings → Secrets)`);
    try {
      JSON.parse(b.text);
    } catch {
      return fail('The body is not valid JSON once its variables are filled in');
    }
    body = b.text;
    headers['content-type'] ??= 'application/json';
  }
  const destination = await checkOutboundDestination(url.text, env, opts.resolver);
  if (!destination.ok) return fail(destination.error);
  const allowPrivate = allowsPrivateOutbound(env);
  const ownAgent: Agent | null = opts.resolver && !allowPrivate ? createOutboundAgent(opts.resolver) : null;
  try {
    let last: Awaited<ReturnType<typeof once>> | null = null;
    for (let attempt = 0; attempt <= req.retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
      last = await once(req, { url: destination.url, headers, body }, ownAgent ?? outboundAgent(allowPrivate));
      if (!last.retryable) break;
    }
    const { retryable: _r, ...result } = last!;
    return { stepId: req.stepId, ...result };
  } finally {
    await ownAgent?.close();
  }
}

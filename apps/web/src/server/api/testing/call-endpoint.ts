// Calls an endpoint's real route handler in-process (no server), as the int tests do for
// every API route, and checks the answer against what the endpoint declares for its status.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Endpoint, ErrorStatus } from '../contract/define-endpoint';
import { checkAgainst } from '../contract/response-contract';
import { errorSchema } from '../schemas/error-schema';

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `/conversations/{id}/messages` → `app/api/v1/conversations/[id]/messages/route.ts` */
export const routeFileOf = (endpoint: Endpoint) => `app/api/v1${endpoint.path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;

const ALWAYS: ErrorStatus[] = [400, 401, 403, 413, 429];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallInit = { id?: string; query?: Record<string, string | string[]>; body?: unknown; headers?: Record<string, string> };
export type CallResult = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function callEndpoint(endpoint: Endpoint, key: string, init: CallInit = {}): Promise<CallResult> {
  const mod = (await import(/* @vite-ignore */ path.join(webSrc, routeFileOf(endpoint)))) as Record<string, Handler>;
  const url = new URL(`http://baton.test/api/v1${endpoint.path.replace('{id}', init.id ?? '')}`);
  for (const [k, v] of Object.entries(init.query ?? {})) for (const one of [v].flat()) url.searchParams.append(k, one);
  const res = await mod[endpoint.method.toUpperCase()]!(
    new Request(url, {
      method: endpoint.method.toUpperCase(),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    }),
    { params: Promise.resolve<Record<string, string>>(init.id === undefined ? {} : { id: init.id }) },
  );
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Throws unless the status is declared by the endpoint and the body matches its schema exactly (no undeclared field). */
export function expectDeclared(endpoint: Endpoint, r: CallResult) {
  const success = endpoint.responses[r.status as 200];
  const declaredError = r.status >= 400 && [...ALWAYS, ...(endpoint.errors ?? [])].includes(r.status as ErrorStatus);
  if (!success && !declaredError) throw new Error(`${endpoint.operationId} answered ${r.status}, not declared: ${JSON.stringify(r.body)}`);
  checkAgainst(success ?? errorSchema, r.body);
}

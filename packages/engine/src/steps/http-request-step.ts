import { z } from 'zod';
import type { RunState } from '../interpreter/snapshot';
import { readJsonPath, JSON_PATH_PATTERN } from '../templates/json-path';
import { replaceVariables } from '../templates/comment-variables';
import { resolveVariable } from '../templates/render-comment';
import type { StepDefinition } from './step-definition';

const nameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'letters, digits and "_", starting with a letter');

export const httpRequestConfigSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  // Variables allowed ({{contact.name}}, {{http.<name>.<field>}}): checked at publish.
  url: z.string().trim().min(1, 'must not be empty').max(2000),
  headers: z
    .array(z.object({ name: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'not a valid header name'), value: z.string().max(2000) }))
    .max(20)
    .default([]),
  /** A JSON template: variables are inserted as JSON string contents. Empty: no body. */
  body: z.string().max(20_000).default(''),
  timeoutMs: z.number().int().min(500).max(30_000).default(10_000),
  retries: z.number().int().min(0).max(3).default(0),
  /** Run variables are named http.<saveAs>.status and http.<saveAs>.<field name>. */
  saveAs: nameSchema.default('response'),
  fields: z.array(z.object({ name: nameSchema, path: z.string().regex(JSON_PATH_PATTERN, 'a dotted path such as data.plan or items.0.id') })).max(20).default([]),
});
export type HttpRequestConfig = z.infer<typeof httpRequestConfigSchema>;

/** What the step asks the worker to do (stored in the run's state while it is paused). */
export type PendingHttpRequest = {
  stepId: string;
  method: HttpRequestConfig['method'];
  url: string;
  headers: Array<{ name: string; value: string }>;
  body: string | null;
  timeoutMs: number;
  retries: number;
};
/** What the worker hands back when it resumes the run; `json` is never persisted. */
export type HttpRequestResult = { stepId: string; status: number | null; error: string | null; json?: unknown };

export type HttpRequestDecision =
  | { kind: 'http_request'; phase: 'request'; method: string; url: string; explanation: string }
  | { kind: 'http_request'; phase: 'response'; status: number | null; variables: Record<string, string>; explanation: string };

export function httpRunVariables(config: Pick<HttpRequestConfig, 'saveAs' | 'fields'>): string[] {
  return [`http.${config.saveAs}.status`, ...config.fields.map((f) => `http.${config.saveAs}.${f.name}`)];
}

function jsonString(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * Renders the request now, from the run's view of the world; `{{secret.NAME}}` references are
 * left in place and only filled by the worker at call time, so secret values are never in a
 * definition, a run's state or its log.
 */
function renderRequest(config: HttpRequestConfig, stepId: string, resolve: (name: string) => string | null): PendingHttpRequest {
  const keepSecrets = (name: string) => (name.startsWith('secret.') ? null : resolve(name));
  const url = replaceVariables(config.url, (n) => {
    const v = keepSecrets(n);
    return v === null ? null : encodeURIComponent(v);
  });
  return {
    stepId,
    method: config.method,
    url,
    headers: config.headers.map((h) => ({ name: h.name, value: replaceVariables(h.value, keepSecrets) })),
    body: config.body.trim() ? replaceVariables(config.body, (n) => {
      const v = keepSecrets(n);
      return v === null ? null : jsonString(v);
    }) : null,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
  };
}

function withoutHttp(state: RunState): RunState {
  const { pendingHttp: _p, httpResult: _r, ...rest } = state;
  return rest;
}

/**
 * Calls another system. The engine stays pure: the step pauses the run (a wait due at once)
 * with the rendered request in the run's state; the worker performs the call outside any
 * transaction and resumes the run with the result through the same batch path as a timer,
 * and the step runs again to read it: `success` with the status and chosen JSON fields as
 * run variables, or `failed` with the reason.
 */
export const httpRequestStep: StepDefinition<'http_request', typeof httpRequestConfigSchema, HttpRequestDecision> = {
  type: 'http_request',
  label: 'HTTP request',
  description: 'Call another system’s API; its status and chosen JSON fields become variables for later steps.',
  configSchema: httpRequestConfigSchema,
  defaultConfig: () => ({ method: 'GET', url: 'https://api.example.com/customers', headers: [], body: '', timeoutMs: 10_000, retries: 0, saveAs: 'response', fields: [] }),
  outputs: () => ['success', 'failed'],
  summarize: (config) => {
    const url = config.url.length > 40 ? `${config.url.slice(0, 39)}…` : config.url;
    return `${config.method} ${url}`;
  },
  execute: (config, ctx) => {
    const result = ctx.state.httpResult;
    if (result && result.stepId === ctx.stepId) {
      const vars: Record<string, string> = { ...ctx.state.vars };
      const prefix = `http.${config.saveAs}`;
      vars[`${prefix}.status`] = result.status === null ? '' : String(result.status);
      let error = result.error;
      const picked: Record<string, string> = { [`${prefix}.status`]: vars[`${prefix}.status`]! };
      if (!error) {
        for (const f of config.fields) {
          const v = readJsonPath(result.json, f.path);
          vars[`${prefix}.${f.name}`] = v ?? '';
          picked[`${prefix}.${f.name}`] = v ?? '';
        }
      }
      if (!error && (result.status === null || result.status < 200 || result.status > 299)) error = `HTTP ${result.status}`;
      const output = error ? 'failed' : 'success';
      return {
        effects: [],
        decision: {
          kind: 'http_request',
          phase: 'response',
          status: result.status,
          variables: picked,
          explanation: error ? `Request failed: ${error}.` : `Answered HTTP ${result.status}.`,
        },
        output,
        next: { type: 'continue', stepId: ctx.follow(output) },
        state: { ...withoutHttp(ctx.state), vars },
      };
    }
    const request = renderRequest(config, ctx.stepId, (name) =>
      name.startsWith('http.') ? (ctx.state.vars?.[name] ?? '') : resolveVariable(name, ctx.snapshot, ctx.state),
    );
    return {
      effects: [],
      decision: { kind: 'http_request', phase: 'request', method: request.method, url: request.url, explanation: `Calling ${request.method} ${request.url}.` },
      output: null,
      // Due at once: the worker calls, then resumes this same step with the answer.
      next: { type: 'wait', until: ctx.snapshot.now, resumeStepId: ctx.stepId },
      state: { ...withoutHttp(ctx.state), pendingHttp: request },
    };
  },
  pausesRun: true,
};

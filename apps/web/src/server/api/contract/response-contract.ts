import type { z } from 'zod';

/**
 * Responses are built from their declared schema: the handler's value goes through JSON (dates
 * become ISO strings, as on the wire) and then through the schema, which keeps only declared
 * fields. In strict mode (tests, dev, or BATON_STRICT_RESPONSES=1) a value that does not match,
 * or that carries a field the schema does not declare, throws: the integration and e2e suites
 * call every endpoint, so a handler drifting from the OpenAPI document fails a test instead of
 * shipping. In production a mismatch is logged and the unfiltered value sent, as before.
 */
export class ResponseContractError extends Error {
  constructor(readonly problems: string[]) {
    super(`response does not match its declared schema: ${problems.join('; ')}`);
    this.name = 'ResponseContractError';
  }
}

export function strictResponses(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.BATON_STRICT_RESPONSES === '1') return true;
  if (env.BATON_STRICT_RESPONSES === '0') return false;
  return env.NODE_ENV !== 'production';
}

/** Paths present in `raw` but not in `kept` (what the schema stripped): undeclared fields. */
export function undeclaredFields(raw: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(kept)) {
    return raw.flatMap((item, i) => undeclaredFields(item, kept[i], `${path}[${i}]`));
  }
  if (raw && typeof raw === 'object' && kept && typeof kept === 'object' && !Array.isArray(raw)) {
    const out: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in kept)) out.push(at);
      else out.push(...undeclaredFields(value, (kept as Record<string, unknown>)[key], at));
    }
    return out;
  }
  return [];
}

/** Throws ResponseContractError when `json` (already JSON data) breaks `schema` or carries undeclared fields. */
export function checkAgainst(schema: z.ZodType, json: unknown): unknown {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ResponseContractError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const extra = undeclaredFields(json, parsed.data);
  if (extra.length) throw new ResponseContractError(extra.map((p) => `${p}: not declared`));
  return parsed.data;
}

export function conformResponse(schema: z.ZodType, value: unknown, strict = strictResponses()): unknown {
  const json: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  if (strict) return checkAgainst(schema, json);
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.error('[api] response does not match its schema', parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')));
  return json;
}

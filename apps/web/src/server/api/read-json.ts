import { DomainError } from '@baton/db';
import { readRequestText } from '@/server/body/read-request-body';

/** The request body as JSON, read within the body limit (413 past it); anything else is a 400 naming the body. */
export async function readJson(req: Request): Promise<unknown> {
  return parseJsonBody(await readRequestText(req));
}

/** A body's text as JSON (empty is `{}`); not JSON, or text Postgres cannot store, is a 400. */
export function parseJsonBody(text: string): unknown {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  const bad = findUnstorable(value, []);
  if (bad) {
    // Postgres text and jsonb cannot hold U+0000 or a lone UTF-16 surrogate ("\\ud800"):
    // refuse them here as bad input rather than fail the insert with a 500 (found by fuzzing).
    const field = bad.join('.') || '(body)';
    throw new DomainError('invalid', `Invalid ${field}: text may not contain NUL characters or unpaired surrogates`, [{ field, message: 'contains a character that cannot be stored' }]);
  }
  return value;
}

const storable = (s: string) => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed();

function findUnstorable(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return storable(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!storable(k)) return [...path, k];
      const hit = findUnstorable(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

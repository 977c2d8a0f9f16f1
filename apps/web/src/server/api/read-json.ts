import { DomainError } from '@baton/db';

/** The request body as JSON; anything else is a 400 naming the body. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  const nul = findNul(value, []);
  if (nul) {
    // Postgres text and jsonb cannot hold U+0000: refuse it here as bad input, not a 500 (found by fuzzing).
    const field = nul.join('.') || '(body)';
    throw new DomainError('invalid', `Invalid ${field}: text may not contain NUL (\\u0000) characters`, [{ field, message: 'contains a NUL character' }]);
  }
  return value;
}

function findNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k];
      const hit = findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

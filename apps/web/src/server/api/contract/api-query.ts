import { z } from 'zod';
import { DomainError } from '@baton/db';

function isArraySchema(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  // optional/default/nullable wrap the schema that decides single vs repeated
  for (let i = 0; i < 4 && s && 'unwrap' in s && typeof (s as { unwrap?: unknown }).unwrap === 'function' && !(s instanceof z.ZodArray); i++) {
    s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return s instanceof z.ZodArray;
}

/**
 * A query string parsed by an endpoint's query schema. A parameter the endpoint does not know
 * is a 400 naming it (a misspelt filter must not silently list everything); an array field
 * takes every occurrence (`?status=open&status=closed`), others the single value.
 */
export function parseQuery<S extends z.ZodObject>(schema: S | undefined, params: URLSearchParams): z.output<S> {
  const shape = (schema?.shape ?? {}) as Record<string, z.ZodType>;
  const unknown = [...new Set(params.keys())].filter((k) => !(k in shape));
  if (unknown.length) {
    throw new DomainError(
      'invalid',
      `Unknown query parameter ${unknown[0]}`,
      unknown.map((field) => ({ field, message: `unknown parameter; this endpoint takes ${Object.keys(shape).join(', ') || 'none'}` })),
    );
  }
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const values = params.getAll(key);
    if (!values.length) continue;
    raw[key] = isArraySchema(field) ? values.flatMap((v) => v.split(',')) : values.length === 1 ? values[0] : values;
  }
  return (schema ? schema.parse(raw) : {}) as z.output<S>;
}

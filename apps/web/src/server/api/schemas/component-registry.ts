import { z } from 'zod';

/** Response and error schemas that appear as `#/components/schemas/<id>` in the OpenAPI document. */
export const responseComponents = z.registry<{ id: string }>();

export function named<S extends z.ZodType>(id: string, schema: S): S {
  responseComponents.add(schema, { id });
  return schema;
}

// Wire formats: what JSON.stringify makes of the values the data layer returns.
export const id = () => z.uuid();
export const dateTime = () => z.iso.datetime();

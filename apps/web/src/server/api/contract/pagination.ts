import { z } from 'zod';
import { isUuid, type PageCursor } from '@baton/db';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** Opaque to callers: the (sort key, id) of the last row of a page, base64url JSON. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): PageCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [key, id] = parsed as unknown[];
    if (typeof key !== 'string' || !TIMESTAMP.test(key) || !isUuid(id)) return null;
    return { key, id: id as string };
  } catch {
    return null;
  }
}

/** `limit` and `cursor`, the same on every list endpoint. */
export const pageQuery = {
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `limit must be at most ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Items per page (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE})`),
  cursor: z
    .string()
    .transform((value, ctx) => {
      const cursor = decodeCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'cursor is not one this API returned (pass nextCursor of the previous page unchanged)' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional()
    .describe('The `nextCursor` of the previous page; omit for the first page'),
};

/** A page of `items` under its resource's key, with the cursor of the next page (null on the last). */
export function pageOf<K extends string, T>(key: K, page: { items: T[]; next: PageCursor | null }) {
  return { [key]: page.items, nextCursor: page.next ? encodeCursor(page.next) : null } as { [P in K]: T[] } & { nextCursor: string | null };
}

export const nextCursorSchema = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page');

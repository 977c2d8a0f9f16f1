import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../schema';
import type { Tenant } from '../tenancy/tenant';

export const markNotificationsReadSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

/**
 * Marks the member's own notifications read: ids that are someone else's (or another
 * workspace's) match no row and change nothing. Returns how many turned read.
 */
export async function markNotificationsRead(t: Tenant, userId: string, input: MarkNotificationsRead): Promise<number> {
  const rows = await t.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.workspaceId, t.workspaceId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        'ids' in input ? inArray(notifications.id, input.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

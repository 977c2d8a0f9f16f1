import { and, eq } from 'drizzle-orm';
import { workflows } from '../schema';
import type { TenantTx } from '../tenancy/tenant';

/**
 * Whether a published workflow of this workspace starts on `event` — events nobody listens
 * to are not written to the outbox. (The inbound batch asks the same in SQL, per channel.)
 */
export async function hasPublishedTrigger(tx: TenantTx, event: string): Promise<boolean> {
  const [row] = await tx.db
    .select({ id: workflows.id })
    .from(workflows)
    .where(
      and(
        eq(workflows.workspaceId, tx.workspaceId),
        eq(workflows.status, 'published'),
        eq(workflows.triggerEvent, event),
      ),
    )
    .limit(1);
  return Boolean(row);
}

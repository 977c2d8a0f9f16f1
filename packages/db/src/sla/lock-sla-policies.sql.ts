import { sql } from 'drizzle-orm';
import type { TenantTx } from '../tenancy/tenant';

/** Holds a transaction-scoped advisory lock per workspace: serialises position changes of its SLA policies (two admins adding or moving at once). */
export async function lockSlaPolicyOrder(tx: TenantTx): Promise<void> {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('sla_policies:' || ${tx.workspaceId}))`);
}

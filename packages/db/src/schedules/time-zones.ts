import { eq } from 'drizzle-orm';
import { users, workspaces } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requestSlaRecompute } from '../sla/request-sla-recompute.sql';

// Zones arrive parsed by the engine's timeZoneSchema (an IANA name the runtime knows).

export function setWorkspaceTimeZone(t: Tenant, timeZone: string): Promise<void> {
  // One transaction: a zone saved without the re-planning request would leave clocks due by the old zone.
  return inTransaction(t, async (tx) => {
    const [row] = await tx.db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, tx.workspaceId)).returning({ id: workspaces.id });
    if (!row) throw new DomainError('not_found', 'Workspace not found');
    // Schedules without their own zone follow it: SLA clocks in business time get new due times.
    await requestSlaRecompute(tx.db, tx.workspaceId);
  });
}

/** A person's own display zone (null: the workspace's). Not tenant data: it follows the person. */
export async function setUserTimeZone(db: Tenant['db'], userId: string, timeZone: string | null): Promise<void> {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}

export async function getUserTimeZone(db: Tenant['db'], userId: string): Promise<string | null> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return row?.timeZone ?? null;
}

export async function getWorkspaceTimeZone(t: Tenant): Promise<string> {
  const [row] = await t.db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, t.workspaceId));
  if (!row) throw new DomainError('not_found', 'Workspace not found');
  return row.timeZone;
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';

const minutesSchema = z
  .number({ error: 'Enter a whole number of minutes' })
  .int({ error: 'Enter a whole number of minutes' })
  .min(1, { error: 'At least 1 minute' })
  .max(10_080, { error: 'At most 10080 minutes (7 days)' })
  .nullable();

/** Minutes a conversation may wait in a queue before leads are told (null: never). */
export async function setQueueAlertMinutes(t: Tenant, minutes: number | null): Promise<number | null> {
  const r = minutesSchema.safeParse(minutes);
  if (!r.success) throw new DomainError('invalid', r.error.issues[0]?.message ?? 'Invalid minutes', { field: 'queueAlertMinutes' });
  const rows = await t.db.update(workspaces).set({ queueAlertMinutes: r.data }).where(eq(workspaces.id, t.workspaceId)).returning({ id: workspaces.id });
  if (rows.length === 0) throw notFound('Workspace');
  return r.data;
}

export async function getQueueAlertMinutes(t: Tenant): Promise<number | null> {
  const [row] = await t.db.select({ v: workspaces.queueAlertMinutes }).from(workspaces).where(eq(workspaces.id, t.workspaceId));
  return row?.v ?? null;
}

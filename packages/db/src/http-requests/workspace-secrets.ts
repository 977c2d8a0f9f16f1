import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { workspaceSecrets } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';
import { decryptSecret, encryptSecret } from '../channels/secret-box';

export const secretNameSchema = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Letters, digits and "_", starting with a letter (used as {{secret.NAME}})');
export const workspaceSecretInputSchema = z.object({
  name: secretNameSchema,
  value: z.string().min(1, 'Enter the value').max(4000),
});

/** Names and dates only: values are never shown back. */
export async function listWorkspaceSecrets(t: Tenant) {
  return t.db
    .select({ name: workspaceSecrets.name, updatedAt: workspaceSecrets.updatedAt })
    .from(workspaceSecrets)
    .where(eq(workspaceSecrets.workspaceId, t.workspaceId))
    .orderBy(asc(workspaceSecrets.name));
}

/** Creates or replaces a secret (replacing is how a value is changed: it cannot be read back). */
export async function setWorkspaceSecret(t: Tenant, raw: z.input<typeof workspaceSecretInputSchema>): Promise<void> {
  const input = workspaceSecretInputSchema.parse(raw);
  await t.db
    .insert(workspaceSecrets)
    .values({ workspaceId: t.workspaceId, name: input.name, valueEncrypted: encryptSecret(input.value) })
    .onConflictDoUpdate({
      target: [workspaceSecrets.workspaceId, workspaceSecrets.name],
      set: { valueEncrypted: encryptSecret(input.value), updatedAt: sql`now()` },
    });
}

export async function deleteWorkspaceSecret(t: Tenant, name: string): Promise<void> {
  const rows = await t.db
    .delete(workspaceSecrets)
    .where(and(eq(workspaceSecrets.workspaceId, t.workspaceId), eq(workspaceSecrets.name, name)))
    .returning({ id: workspaceSecrets.id });
  if (rows.length === 0) throw notFound('Secret');
}

/** For the worker, at call time: the named secrets' values (a name that cannot be opened is left out). */
export async function loadWorkspaceSecrets(t: Tenant, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await t.db
    .select({ name: workspaceSecrets.name, sealed: workspaceSecrets.valueEncrypted })
    .from(workspaceSecrets)
    .where(and(eq(workspaceSecrets.workspaceId, t.workspaceId), inArray(workspaceSecrets.name, [...names])));
  const out = new Map<string, string>();
  for (const r of rows) {
    try {
      out.set(r.name, decryptSecret(r.sealed));
    } catch {
      // Sealed with a key no longer configured: the step fails naming the secret as unknown.
    }
  }
  return out;
}

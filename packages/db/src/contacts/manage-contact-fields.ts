import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { contactFieldKeySchema, contactFieldTypes, type ContactFieldDefinition } from '@baton/engine';
import { contactFieldDefinitions } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { DomainError, notFound } from '../tenancy/errors';
import { isUniqueViolation } from '../identity/unique-violation';

export const contactFieldInputSchema = z
  .object({
    key: contactFieldKeySchema,
    label: z.string().trim().min(1, 'Give the field a label').max(100),
    type: z.enum(contactFieldTypes),
    options: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && f.options.length === 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs at least one option' });
    if (new Set(f.options).size !== f.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options must be different from each other' });
  });
export type ContactFieldInput = z.input<typeof contactFieldInputSchema>;

export async function createContactField(t: Tenant, input: ContactFieldInput): Promise<ContactFieldDefinition> {
  const f = contactFieldInputSchema.parse(input);
  try {
    await t.db.insert(contactFieldDefinitions).values({
      workspaceId: t.workspaceId,
      key: f.key,
      label: f.label,
      type: f.type,
      options: f.type === 'select' ? f.options : [],
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `A field with the key "${f.key}" already exists`, { field: 'key' });
    throw error;
  }
  return { key: f.key, label: f.label, type: f.type, options: f.type === 'select' ? f.options : [] };
}

/**
 * Removes the definition; values already stored on contacts stay (history, conditions of
 * running workflows) but can no longer be set, and publishing a workflow that uses the key fails.
 */
export async function deleteContactField(t: Tenant, key: string): Promise<void> {
  const rows = await t.db
    .delete(contactFieldDefinitions)
    .where(and(eq(contactFieldDefinitions.workspaceId, t.workspaceId), eq(contactFieldDefinitions.key, key)))
    .returning({ id: contactFieldDefinitions.id });
  if (rows.length === 0) throw notFound('Contact field');
}

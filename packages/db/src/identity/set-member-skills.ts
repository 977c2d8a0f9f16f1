import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { notFound } from '../tenancy/errors';

// Lowercased on the way in: skills routing compares case-insensitively anyway, and one
// spelling per skill keeps the Team page and the decision trace tidy.
export const memberSkillsSchema = z
  .array(z.string().trim().min(1).max(100).regex(/^[^,]+$/, 'Skills must not contain commas'))
  .max(30, 'At most 30 skills')
  .transform((xs) => [...new Set(xs.map((x) => x.toLowerCase()))]);

/** A member's skills (what an assign step's skill requirement checks). */
export async function setMemberSkills(t: Tenant, userId: string, skills: readonly string[]): Promise<string[]> {
  const parsed = memberSkillsSchema.parse(skills);
  const rows = await t.db
    .update(memberships)
    .set({ skills: parsed })
    .where(and(eq(memberships.workspaceId, t.workspaceId), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  if (rows.length === 0) throw notFound('Member');
  return parsed;
}

import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/**
 * An SLA policy written straight into the table, without the recompute request
 * createSlaPolicy makes: a security test's target workspace must stay exactly as it was (its
 * digest), and a request would let any worker of a parallel test file re-plan its clocks.
 */
export async function insertSlaPolicyRow(db: Database, workspaceId: string, name: string): Promise<string> {
  const res = await db.execute<{ id: string }>(sql`
    insert into sla_policies (workspace_id, name, position, conditions, first_response_seconds, warning_percent)
    values (${workspaceId}, ${name}, 0, '{}'::jsonb, 600, 80) returning id`);
  return res.rows[0]!.id;
}

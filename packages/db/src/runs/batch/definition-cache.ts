import { inArray } from 'drizzle-orm';
import { parseDefinition, type WorkflowDefinition } from '@baton/engine';
import type { Tx } from '../../client';
import { workflowVersions } from '../../schema';

// Published versions are immutable (a database trigger rejects updates), so a parsed
// definition can be reused for as long as the process lives; bounded to stay small.
const parsed = new Map<string, WorkflowDefinition>();
const MAX = 500;

export function parseVersion(versionId: string, raw: unknown): WorkflowDefinition {
  let definition = parsed.get(versionId);
  if (!definition) {
    definition = parseDefinition(raw);
    if (parsed.size >= MAX) parsed.delete(parsed.keys().next().value!);
    parsed.set(versionId, definition);
  }
  return definition;
}

/**
 * Versions this process has parsed: a batch statement sends `definition` only for the
 * others (`case when v.id = any(<these>) then null …`), so a batch does not ship, and this
 * process does not parse, the same JSON every time.
 */
export function cachedVersionIds(): string {
  // A Postgres array literal (one text parameter): drizzle would spread a JS array into a list.
  return `{${[...parsed.keys()].join(',')}}`;
}

/**
 * The definitions of `rows` (id + definition, or null where the statement left it out as
 * cached). One evicted in between — other batches of this process parse meanwhile — is
 * read again.
 */
export async function definitionsOf(
  tx: Tx,
  rows: ReadonlyArray<{ id: string; definition: unknown }>,
): Promise<Map<string, WorkflowDefinition>> {
  const missing = rows.filter((r) => r.definition === null && !parsed.has(r.id)).map((r) => r.id);
  const reread = missing.length
    ? new Map(
        (
          await tx
            .select({ id: workflowVersions.id, definition: workflowVersions.definition })
            .from(workflowVersions)
            .where(inArray(workflowVersions.id, missing))
        ).map((r) => [r.id, r.definition]),
      )
    : new Map<string, unknown>();
  return new Map(rows.map((r) => [r.id, parseVersion(r.id, r.definition ?? reread.get(r.id))]));
}

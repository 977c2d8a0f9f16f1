import { parseDefinition, type WorkflowDefinition } from '@baton/engine';

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

import type { z } from 'zod';
import { workflowDefinitionSchema } from '../schema/workflow-definition';
import type { Problem } from './problem';

type Issue = z.core.$ZodIssue;

function ownerOf(raw: Record<string, unknown>, path: PropertyKey[]): { stepId: string | null; rest: PropertyKey[]; noun: string } {
  const [head, index, ...rest] = path;
  if (head === 'steps' && typeof index === 'number' && Array.isArray(raw.steps)) {
    const step = raw.steps[index] as { id?: unknown; name?: unknown } | undefined;
    const id = typeof step?.id === 'string' ? step.id : null;
    const label = typeof step?.name === 'string' && step.name ? step.name : (id ?? `#${index + 1}`);
    return { stepId: id, rest, noun: `Step “${label}”` };
  }
  if (head === 'trigger') {
    const t = raw.trigger as { id?: unknown } | undefined;
    return { stepId: typeof t?.id === 'string' ? t.id : null, rest: path.slice(1), noun: 'The trigger' };
  }
  if (head === 'edges' && typeof index === 'number') return { stepId: null, rest: path, noun: `Edge #${index + 1}` };
  return { stepId: null, rest: path, noun: 'The workflow' };
}

function describeIssue(issue: Issue, field: string | null): string {
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  if (missing) return `${field ?? 'a value'} is required`;
  return field ? `${field}: ${issue.message}` : issue.message;
}

export function schemaProblems(raw: Record<string, unknown>): Problem[] {
  const result = workflowDefinitionSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues.map((issue): Problem => {
    const { stepId, rest, noun } = ownerOf(raw, issue.path);
    const field = rest.length ? rest.map(String).join('.') : null;
    if (issue.path.length === 1 && issue.path[0] === 'steps' && issue.code === 'too_big') {
      return { stepId: null, field: 'steps', code: 'too_many_steps', message: `A workflow can have at most 100 steps.` };
    }
    if (issue.code === 'invalid_union' && rest.length === 1 && rest[0] === 'type' && issue.path[0] === 'steps') {
      return { stepId, field: 'type', code: 'unknown_step_type', message: `${noun} has an unknown step type.` };
    }
    return { stepId, field, code: 'invalid_field', message: `${noun}: ${describeIssue(issue, field)}.` };
  });
}

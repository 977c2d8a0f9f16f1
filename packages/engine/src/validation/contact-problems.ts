import type { Catalog } from '../catalog';
import type { Condition } from '../conditions/condition-schema';
import { normalizeFieldValue } from '../contacts/contact-fields';
import type { StepNode } from '../schema/workflow-definition';
import { triggerConfigSchema } from '../trigger/trigger-schema';
import type { Problem } from './problem';

// Field keys and tags refer to the workspace's definitions (Settings → Contact fields).
// Without them in the catalog we can't judge, so we don't (like channels).

const label = (step: StepNode) => `“${step.name ?? step.id}”`;

function fieldProblem(stepId: string, field: string, key: string, catalog: Catalog, what: string): Problem[] {
  if (!catalog.contactFields || catalog.contactFields.some((f) => f.key === key)) return [];
  return [{ stepId, field, code: 'unknown_contact_field', message: `${what} uses the contact field "${key}", which isn't defined in this workspace.` }];
}

function tagProblem(stepId: string, field: string, tag: string, catalog: Catalog, what: string): Problem[] {
  if (!catalog.tags || catalog.tags.includes(tag)) return [];
  return [{ stepId, field, code: 'unknown_tag', message: `${what} uses the tag "${tag}", which isn't defined in this workspace.` }];
}

export function conditionContactProblems(step: StepNode, c: Condition, at: string, catalog: Catalog): Problem[] {
  if (c.kind === 'contact_field') {
    const unknown = fieldProblem(step.id, `${at}.key`, c.key, catalog, `Branch ${label(step)}`);
    if (unknown.length) return unknown;
    const def = catalog.contactFields?.find((f) => f.key === c.key);
    // "is" a value the field can never hold is a branch that never (or always) matches.
    if (def && c.value !== undefined && (c.operator === 'is' || c.operator === 'is_not')) {
      const r = normalizeFieldValue(def, c.value);
      if (!r.ok) return [{ stepId: step.id, field: `${at}.value`, code: 'invalid_field_value', message: `Branch ${label(step)} compares ${def.label} with “${c.value}”, but it ${r.message}.` }];
    }
    return [];
  }
  if (c.kind === 'contact_tag') return tagProblem(step.id, `${at}.tag`, c.tag, catalog, `Branch ${label(step)}`);
  return [];
}

export function stepContactProblems(step: StepNode, catalog: Catalog): Problem[] {
  if (step.type === 'set_contact_field') {
    const unknown = fieldProblem(step.id, 'config.key', step.config.key, catalog, `Step ${label(step)}`);
    if (unknown.length) return unknown;
    const def = catalog.contactFields?.find((f) => f.key === step.config.key);
    if (def && step.config.action === 'set') {
      const r = normalizeFieldValue(def, step.config.value);
      if (!r.ok) return [{ stepId: step.id, field: 'config.value', code: 'invalid_field_value', message: `Step ${label(step)}: ${def.label} ${r.message}.` }];
      // The engine writes the value as published: it must already be canonical ("1.0" → "1").
      if (r.value !== step.config.value) return [{ stepId: step.id, field: 'config.value', code: 'invalid_field_value', message: `Step ${label(step)}: write ${def.label} as “${r.value}”.` }];
    }
    return [];
  }
  if (step.type === 'assign' && step.config.skillField)
    return fieldProblem(step.id, 'config.skillField', step.config.skillField, catalog, `Step ${label(step)}`);
  if (step.type === 'tag_contact') return tagProblem(step.id, 'config.tag', step.config.tag, catalog, `Step ${label(step)}`);
  return [];
}

export function triggerContactProblems(rawTrigger: unknown, catalog: Catalog | undefined): Problem[] {
  if (!catalog || typeof rawTrigger !== 'object' || rawTrigger === null) return [];
  const node = rawTrigger as { id?: unknown; config?: unknown };
  const parsed = triggerConfigSchema.safeParse(node.config);
  if (!parsed.success) return [];
  const id = typeof node.id === 'string' ? node.id : null;
  const problems: Problem[] = [];
  const { event, tag, fieldKey } = parsed.data;
  if (event === 'contact.tag_added' && tag && catalog.tags && !catalog.tags.includes(tag))
    problems.push({ stepId: id, field: 'config.tag', code: 'unknown_tag', message: `The trigger waits for the tag "${tag}", which isn't defined in this workspace.` });
  if (event === 'contact.field_changed' && fieldKey && catalog.contactFields && !catalog.contactFields.some((f) => f.key === fieldKey))
    problems.push({ stepId: id, field: 'config.fieldKey', code: 'unknown_contact_field', message: `The trigger watches the contact field "${fieldKey}", which isn't defined in this workspace.` });
  return problems;
}

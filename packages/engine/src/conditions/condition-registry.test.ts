import { describe, expect, it } from 'vitest';
import { CONDITION_REGISTRY, conditionKindList } from './condition-registry';
import { conditionSchema } from './condition-schema';

const ID = '00000000-0000-4000-8000-000000000001';
/** The smallest valid condition of a kind with this operator (its required fields filled). */
function sample(kind: string, operator: string): Record<string, unknown> {
  const base: Record<string, unknown> = { id: 'c1', kind, operator };
  if (kind === 'conversation_status') base.value = 'open';
  if (kind === 'assignee' && (operator === 'is' || operator === 'is_not')) base.userId = ID;
  if (kind === 'team' && (operator === 'is' || operator === 'is_not')) base.teamId = ID;
  if (operator === 'greater_than' || operator === 'less_than') base.duration = { amount: 5, unit: 'minutes' };
  if (kind === 'contact_field') Object.assign(base, { key: 'plan', value: 'gold' });
  if (kind === 'contact_tag') base.tag = 'vip';
  if (kind === 'channel') base.channelId = ID;
  if (kind === 'run_variable') Object.assign(base, { key: 'http.response.status', value: '200' });
  return base;
}

describe('condition registry', () => {
  it('every kind and operator the canvas offers is one the definition schema accepts', () => {
    for (const { value: kind, operators } of conditionKindList)
      for (const { value: operator } of operators) expect(conditionSchema.safeParse(sample(kind, operator)).success, `${kind} ${operator}`).toBe(true);
  });

  it('an operator the registry does not list for the kind is refused on the operator field', () => {
    const r = conditionSchema.safeParse(sample('contact_tag', 'contains'));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['operator']);
    expect(Object.keys(CONDITION_REGISTRY)).toHaveLength(conditionSchema.options.length);
  });
});

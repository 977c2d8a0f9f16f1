import { describe, expect, it } from 'vitest';
import { describeTrigger, matchesTrigger } from './match-trigger';
import { triggerConfigSchema } from './trigger-schema';

const trigger = (conditions: unknown[], event = 'conversation.opened') => triggerConfigSchema.parse({ event, conditions });

describe('matchesTrigger', () => {
  it('requires the same event', () => {
    expect(matchesTrigger(trigger([]), { type: 'conversation.opened', source: 'api' })).toBe(true);
    expect(matchesTrigger(trigger([]), { type: 'message.received', source: 'api' })).toBe(false);
  });
  it('supports is, is_not and is_any_of', () => {
    const is = trigger([{ id: 'a', field: 'source', operator: 'is', value: 'contact' }]);
    expect(matchesTrigger(is, { type: 'conversation.opened', source: 'contact' })).toBe(true);
    expect(matchesTrigger(is, { type: 'conversation.opened', source: 'user' })).toBe(false);
    const isNot = trigger([{ id: 'a', field: 'source', operator: 'is_not', value: 'workflow' }]);
    expect(matchesTrigger(isNot, { type: 'conversation.opened', source: 'workflow' })).toBe(false);
    expect(matchesTrigger(isNot, { type: 'conversation.opened', source: 'api' })).toBe(true);
    const anyOf = trigger([{ id: 'a', field: 'source', operator: 'is_any_of', value: ['api', 'user'] }]);
    expect(matchesTrigger(anyOf, { type: 'conversation.opened', source: 'user' })).toBe(true);
    expect(matchesTrigger(anyOf, { type: 'conversation.opened', source: 'contact' })).toBe(false);
  });
  it('requires all conditions to hold', () => {
    const t = trigger([
      { id: 'a', field: 'source', operator: 'is_any_of', value: ['api', 'user'] },
      { id: 'b', field: 'source', operator: 'is_not', value: 'api' },
    ]);
    expect(matchesTrigger(t, { type: 'conversation.opened', source: 'user' })).toBe(true);
    expect(matchesTrigger(t, { type: 'conversation.opened', source: 'api' })).toBe(false);
  });
  it('describes itself', () => {
    expect(describeTrigger(trigger([{ id: 'a', field: 'source', operator: 'is', value: 'contact' }]))).toBe(
      'When a conversation is opened · source is contact',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { describeTrigger, triggerConfigSchema, triggerEvents } from '@baton/engine';
import { triggerSummary } from './node-views';

describe('triggerSummary', () => {
  it("says what the engine's description says, for every event", () => {
    for (const event of triggerEvents)
      expect(triggerSummary({ event })).toBe(describeTrigger(triggerConfigSchema.parse({ event })));
    const tagged = { event: 'contact.tag_added', tag: 'vip' };
    expect(triggerSummary(tagged)).toBe(describeTrigger(triggerConfigSchema.parse(tagged)));
  });
  it('shows the first condition and that more follow', () => {
    const conditions = [
      { id: 'a', field: 'source', operator: 'is_not', value: 'api' },
      { id: 'b', field: 'source', operator: 'is', value: 'user' },
    ];
    expect(triggerSummary({ event: 'message.received', conditions })).toBe(
      'When a message is received · source is not api …',
    );
    expect(triggerSummary({ event: 'nope' })).toBe('Choose an event');
  });
});

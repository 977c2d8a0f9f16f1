import { describe, expect, it } from 'vitest';
import { effectText } from './effect-text';

describe('effectText', () => {
  it("reads every effect as a lead would, naming members; a stored type it does not know shows as is", () => {
    const names = { u1: 'Carol' };
    expect(effectText({ type: 'assign', userId: 'u1' }, names)).toBe('assign to Carol');
    expect(effectText({ type: 'set_priority', priority: 'high' }, names)).toBe('set the priority to high');
    expect(effectText({ type: 'set_contact_field', key: 'plan', value: null }, names)).toBe("clear the contact's plan");
    expect(effectText({ type: 'add_tag', tag: 'vip' }, names)).toBe('tag the contact vip');
    expect(effectText({ type: 'send_message', text: 'Hi' }, names)).toBe('send a message to the customer');
    expect(effectText({ type: 'from_the_future' }, names)).toBe('from_the_future');
  });
});

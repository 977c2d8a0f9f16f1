import { describe, expect, it } from 'vitest';
import { describeTrigger } from './match-trigger';
import {
  TRIGGER_REGISTRY,
  triggerEventList,
  triggerEventSentence,
  triggerEventShortLabel,
} from './trigger-registry';
import { triggerConfigSchema, triggerEvents } from './trigger-schema';

describe('trigger registry', () => {
  it('lists every trigger event once, with words of its own', () => {
    expect(triggerEventList.map((e) => e.value).sort()).toEqual([...triggerEvents].sort());
    for (const words of ['option', 'when', 'short'] as const) {
      const all = triggerEvents.map((e) => TRIGGER_REGISTRY[e][words]);
      expect(new Set(all).size, words).toBe(triggerEvents.length);
      expect(all.every((w) => w.trim().length > 0)).toBe(true);
    }
    for (const e of triggerEvents) expect(TRIGGER_REGISTRY[e].when.startsWith('When ')).toBe(true);
  });
  it('narrows a contact trigger to its tag or field', () => {
    expect(triggerEventSentence({ event: 'contact.tag_added', tag: 'vip' })).toBe(
      'When the contact is tagged “vip”',
    );
    expect(triggerEventSentence({ event: 'contact.field_changed', fieldKey: 'plan' })).toBe(
      "When the contact's plan changes",
    );
    expect(triggerEventSentence({ event: 'contact.tag_added' })).toBe(
      'When a tag is added to the contact',
    );
    expect(triggerEventSentence({ event: 'sla.breached', tag: 'ignored' })).toBe(
      'When an SLA target is missed',
    );
  });
  it('describes a trigger with the same words', () => {
    for (const event of triggerEvents)
      expect(describeTrigger(triggerConfigSchema.parse({ event }))).toBe(
        TRIGGER_REGISTRY[event].when,
      );
  });
  it('shows an unknown stored event as it is', () => {
    expect(triggerEventShortLabel('sla.warning')).toBe('SLA warning');
    expect(triggerEventShortLabel('something.old')).toBe('something.old');
  });
});

import type { Source } from '../schema/primitives';
import type { TriggerCondition, TriggerConfig, TriggerEvent } from './trigger-schema';
import { triggerEventSentence } from './trigger-registry';

export interface TriggerEventInput {
  type: TriggerEvent;
  source: Source;
  /** The outbox event's payload: `{ tag }` for contact.tag_added, `{ key }` for contact.field_changed. */
  payload?: Record<string, unknown>;
}

function conditionHolds(condition: TriggerCondition, source: Source): boolean {
  const values = Array.isArray(condition.value) ? condition.value : [condition.value];
  switch (condition.operator) {
    case 'is':
    case 'is_any_of':
      return values.includes(source);
    case 'is_not':
      return !values.includes(source);
  }
}

export function matchesTrigger(trigger: TriggerConfig, event: TriggerEventInput): boolean {
  if (trigger.event !== event.type) return false;
  if (event.type === 'contact.tag_added' && trigger.tag && event.payload?.tag !== trigger.tag) return false;
  if (event.type === 'contact.field_changed' && trigger.fieldKey && event.payload?.key !== trigger.fieldKey) return false;
  return trigger.conditions.every((c) => conditionHolds(c, event.source));
}

export function describeTrigger(trigger: TriggerConfig): string {
  const event = triggerEventSentence(trigger);
  const parts = trigger.conditions.map((c) => {
    const values = Array.isArray(c.value) ? c.value.join(' or ') : c.value;
    return c.operator === 'is_not' ? `source is not ${values}` : `source is ${values}`;
  });
  return parts.length ? `${event} · ${parts.join(' and ')}` : event;
}

import type { Source } from '../schema/primitives';
import type { TriggerConfig, TriggerEvent } from './trigger-schema';

// Each trigger event's words, in one list that the canvas (the trigger form's options, the
// trigger node's summary), the workflow list and the engine's own descriptions (publish
// warnings) read — as conditions do through conditions/condition-registry.ts. A new event in
// trigger-schema.ts does not compile until it has its words here.
export const TRIGGER_REGISTRY = {
  'conversation.opened': {
    option: 'A conversation is opened',
    when: 'When a conversation is opened',
    short: 'Conversation opened',
  },
  'message.received': {
    option: 'A message is received',
    when: 'When a message is received',
    short: 'Message received',
  },
  'conversation.closed': {
    option: 'A conversation is closed',
    when: 'When a conversation is closed',
    short: 'Conversation closed',
  },
  manual: { option: 'Started manually', when: 'When started manually', short: 'Manual' },
  'contact.tag_added': {
    option: 'A tag is added to the contact',
    when: 'When a tag is added to the contact',
    short: 'Tag added',
  },
  'contact.field_changed': {
    option: 'A contact field changes',
    when: 'When a contact field changes',
    short: 'Contact field changed',
  },
  'sla.warning': {
    option: 'An SLA target is about to be missed (warning)',
    when: 'When an SLA target is about to be missed',
    short: 'SLA warning',
  },
  'sla.breached': {
    option: 'An SLA target is missed (breached)',
    when: 'When an SLA target is missed',
    short: 'SLA breached',
  },
} as const satisfies Record<TriggerEvent, { option: string; when: string; short: string }>;

/** The events in the canvas's order ("Start when" options). */
export const triggerEventList: ReadonlyArray<{ value: TriggerEvent; label: string }> = (
  Object.keys(TRIGGER_REGISTRY) as TriggerEvent[]
).map((value) => ({ value, label: TRIGGER_REGISTRY[value].option }));

/** Who can start an event, in the words of the trigger's "Only if" conditions. */
export const TRIGGER_SOURCE_LABELS = {
  contact: 'Contact',
  user: 'Agent',
  workflow: 'Workflow',
  api: 'API',
} as const satisfies Record<Source, string>;

/** The trigger conditions' operators, in the canvas's words. */
export const triggerConditionOperatorList = [
  { value: 'is', label: 'is' },
  { value: 'is_not', label: 'is not' },
  { value: 'is_any_of', label: 'is any of' },
] as const satisfies ReadonlyArray<{
  value: TriggerConfig['conditions'][number]['operator'];
  label: string;
}>;

/** A workflow list's word for an event; an unknown one (an older definition) as it is stored. */
export function triggerEventShortLabel(event: string): string {
  return (TRIGGER_REGISTRY as Record<string, { short: string }>)[event]?.short ?? event;
}

/** "When …": the event, narrowed to the trigger's tag or contact field when it names one. */
export function triggerEventSentence(
  trigger: Pick<TriggerConfig, 'event' | 'tag' | 'fieldKey'>,
): string {
  if (trigger.event === 'contact.tag_added' && trigger.tag)
    return `When the contact is tagged “${trigger.tag}”`;
  if (trigger.event === 'contact.field_changed' && trigger.fieldKey)
    return `When the contact's ${trigger.fieldKey} changes`;
  return TRIGGER_REGISTRY[trigger.event].when;
}

import type { Effect } from '@baton/engine';

/**
 * Effects as a lead reads them: "assigned Carol", "added a comment". Exhaustive over the
 * engine's `Effect`, so a new effect fails to compile here rather than showing its raw type; a
 * stored row of a type this version does not know still shows its type instead of failing.
 */
export function effectText(stored: Record<string, unknown>, names: Record<string, string>): string {
  const effect = stored as Effect;
  switch (effect.type) {
    case 'assign':
      return `assign to ${names[String(effect.userId)] ?? 'a member'}`;
    case 'unassign':
      return 'unassign';
    case 'enqueue':
      return 'queue for the next available agent';
    case 'comment':
      return 'add an internal comment';
    case 'close':
      return 'close the conversation';
    case 'send_message':
      return 'send a message to the customer';
    case 'advance_cursor':
      return `move the rotation to ${names[String(effect.userId)] ?? 'a member'}`;
    case 'set_contact_field':
      return effect.value === null ? `clear the contact's ${effect.key}` : `set the contact's ${effect.key}`;
    case 'add_tag':
      return `tag the contact ${effect.tag}`;
    case 'remove_tag':
      return `remove the tag ${effect.tag}`;
    case 'set_priority':
      return `set the priority to ${effect.priority}`;
    default: {
      const unknown: never = effect;
      return String((unknown as { type?: unknown }).type);
    }
  }
}

import { contactKey, messageKey, type Indexed } from './inbound-message';

/**
 * Splits a batch so no round has two messages of one contact or one external id: a
 * contact's second message must find the conversation its first one opened, in order.
 */
export function splitIntoRounds(items: readonly Indexed[]): Indexed[][] {
  const out: Indexed[][] = [];
  const last = new Map<string, number>();
  for (const item of items) {
    const keys = [contactKey(item), messageKey(item)].filter((k): k is string => k !== null);
    const r = Math.max(-1, ...keys.map((k) => last.get(k) ?? -1)) + 1;
    (out[r] ??= []).push(item);
    for (const k of keys) last.set(k, r);
  }
  return out;
}

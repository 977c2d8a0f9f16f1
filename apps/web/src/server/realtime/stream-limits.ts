import 'server-only';

/**
 * Realtime streams per user in this process. Each open stream costs a subscription and a
 * visibility check per event, so a user opening hundreds of tabs (or a script opening
 * thousands of streams) would multiply the work of every inbound message. Five covers a
 * person's tabs and windows; the next gets 429 until one closes.
 * On globalThis: Next may load this module more than once in one process.
 */
const g = globalThis as unknown as { batonRealtimeStreams?: { settings: { maxPerUser: number; heartbeatMs: number }; open: Map<string, number> } };
const state = (g.batonRealtimeStreams ??= { settings: { maxPerUser: 5, heartbeatMs: 20_000 }, open: new Map() });
/** Proxies drop connections silent for a minute or so: a comment line every heartbeat keeps them open. */
export const realtimeStreamSettings = state.settings;
const open = state.open;

/** Takes a stream slot for the user; the returned release is idempotent. Null when the user has none left. */
export function acquireStreamSlot(userId: string): (() => void) | null {
  const count = open.get(userId) ?? 0;
  if (count >= realtimeStreamSettings.maxPerUser) return null;
  open.set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left <= 0) open.delete(userId);
    else open.set(userId, left);
  };
}

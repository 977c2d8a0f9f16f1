import type { PoolKey } from './snapshot';

export type Effect =
  | { type: 'assign'; userId: string; teamId: string | null; reason: string }
  | { type: 'unassign'; reason: string }
  | { type: 'comment'; text: string; mentionUserIds: string[] }
  | { type: 'close' }
  // An automated outgoing message to the customer (no user author; never an agent reply).
  | { type: 'send_message'; text: string }
  | { type: 'advance_cursor'; pool: PoolKey; userId: string };

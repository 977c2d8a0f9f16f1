import type { PoolKey } from './snapshot';

export type Effect =
  | { type: 'assign'; userId: string; teamId: string | null; reason: string }
  | { type: 'unassign'; reason: string }
  | { type: 'comment'; text: string; mentionUserIds: string[] }
  | { type: 'close' }
  | { type: 'advance_cursor'; pool: PoolKey; userId: string };

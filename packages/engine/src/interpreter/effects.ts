import type { ConversationPriority } from '../contacts/contact-fields';
import type { PoolKey } from './snapshot';

export type Effect =
  | { type: 'assign'; userId: string; teamId: string | null; reason: string }
  | { type: 'unassign'; reason: string }
  /** Into a queue: the conversation waits unassigned with its team set (teamId null: the workspace). */
  | { type: 'enqueue'; pool: PoolKey; teamId: string | null; reason: string }
  | { type: 'comment'; text: string; mentionUserIds: string[] }
  | { type: 'close' }
  // An automated outgoing message to the customer (no user author; never an agent reply).
  | { type: 'send_message'; text: string }
  | { type: 'advance_cursor'; pool: PoolKey; userId: string }
  /** value null clears the field. */
  | { type: 'set_contact_field'; key: string; value: string | null }
  | { type: 'add_tag'; tag: string }
  | { type: 'remove_tag'; tag: string }
  | { type: 'set_priority'; priority: ConversationPriority };

import { assertNever } from '../assert-never';
import type { Effect } from './effects';
import type { Pool, PoolKey, Snapshot } from './snapshot';

// Copies only the pools the member is in: the others are handed on as they are (nothing
// mutates a pool), which spares a copy of every candidate of every pool at each assignment.
function adjustOpenCount(pools: Snapshot['pools'], userId: string | null, delta: number): Snapshot['pools'] {
  if (userId === null) return pools;
  let next: Snapshot['pools'] | null = null;
  for (const [key, pool] of Object.entries(pools) as Array<[PoolKey, Pool]>) {
    if (!pool.candidates.some((c) => c.userId === userId)) continue;
    next ??= { ...pools };
    next[key] = {
      ...pool,
      candidates: pool.candidates.map((c) =>
        c.userId === userId ? { ...c, openCount: Math.max(0, c.openCount + delta) } : c,
      ),
    };
  }
  return next ?? pools;
}

// Mirrors what the adapter will write, so later steps in the same tick (e.g. a comment
// naming the new assignee, or a second least-open pick) see the updated world.
export function applyEffectsToSnapshot(snapshot: Snapshot, effects: readonly Effect[]): Snapshot {
  let s = snapshot;
  for (const effect of effects) {
    const open = s.conversation.status === 'open';
    switch (effect.type) {
      case 'assign': {
        const before = s.conversation.assigneeId;
        if (before === effect.userId) {
          s = { ...s, conversation: { ...s.conversation, teamId: effect.teamId } };
          break;
        }
        let pools = s.pools;
        if (open) pools = adjustOpenCount(adjustOpenCount(pools, before, -1), effect.userId, +1);
        // A new assignee starts a new reply clock (the database trigger does the same).
        s = {
          ...s,
          pools,
          conversation: { ...s.conversation, assigneeId: effect.userId, teamId: effect.teamId, assignedAt: s.now, assigneeRepliedAt: null },
        };
        break;
      }
      case 'unassign': {
        const pools = open ? adjustOpenCount(s.pools, s.conversation.assigneeId, -1) : s.pools;
        s = { ...s, pools, conversation: { ...s.conversation, assigneeId: null, assignedAt: null, assigneeRepliedAt: null } };
        break;
      }
      case 'enqueue': {
        const pools = open ? adjustOpenCount(s.pools, s.conversation.assigneeId, -1) : s.pools;
        const teamId = effect.teamId ?? s.conversation.teamId;
        s = { ...s, pools, conversation: { ...s.conversation, assigneeId: null, teamId, assignedAt: null, assigneeRepliedAt: null } };
        break;
      }
      case 'close': {
        const pools = open ? adjustOpenCount(s.pools, s.conversation.assigneeId, -1) : s.pools;
        s = { ...s, pools, conversation: { ...s.conversation, status: 'closed' } };
        break;
      }
      case 'advance_cursor': {
        const pool = s.pools[effect.pool];
        if (pool) s = { ...s, pools: { ...s.pools, [effect.pool]: { ...pool, cursorUserId: effect.userId } } };
        break;
      }
      case 'send_message':
        // Outgoing, so "any outgoing" conditions see it; not an agent reply, so
        // lastAgentReplyAt (what "agent replies only" reads) stays untouched.
        s = { ...s, conversation: { ...s.conversation, lastOutgoingAt: s.now } };
        break;
      case 'set_contact_field': {
        const fields = { ...s.contact.fields };
        if (effect.value === null) delete fields[effect.key];
        else fields[effect.key] = effect.value;
        s = { ...s, contact: { ...s.contact, fields } };
        break;
      }
      case 'add_tag':
        if (!s.contact.tags.includes(effect.tag)) s = { ...s, contact: { ...s.contact, tags: [...s.contact.tags, effect.tag] } };
        break;
      case 'remove_tag':
        s = { ...s, contact: { ...s.contact, tags: s.contact.tags.filter((t) => t !== effect.tag) } };
        break;
      case 'set_priority':
        s = { ...s, conversation: { ...s.conversation, priority: effect.priority } };
        break;
      case 'comment':
        // Internal notes are not customer-facing replies, so lastOutgoingAt stays untouched.
        break;
      default:
        assertNever(effect, 'effect');
    }
  }
  return s;
}

import type { SimOpening, SimReplyDelays } from './simulation-input';
import { seededUniform } from './seeded-random';

export const REPLY_MODEL_TEXT =
  'Replies: when the simulated assignee is someone who actually handled that conversation, what they actually did — ' +
  'their recorded reply (at the recorded time, or after their recorded delay if they get it later), or no reply if ' +
  "they had it and never replied; otherwise a seeded draw from that agent's recorded first-response times in the " +
  "period (everyone's when the agent has none). Conversations close when they actually closed.";

/**
 * When the assignee of a simulated conversation replies. Pure: the same seed, conversation,
 * agent and assignment time always give the same answer.
 */
export class ReplyModel {
  private readonly delaysByAgent = new Map<string, number[]>();
  private readonly allDelays: number[];

  constructor(
    delays: SimReplyDelays,
    private readonly seed: number,
  ) {
    const all: number[] = [];
    // Sorted so a draw depends on the set of delays, not on the order they were loaded in.
    for (const [userId, own] of Object.entries(delays)) {
      this.delaysByAgent.set(userId, [...own].sort((a, b) => a - b));
      for (const d of own) all.push(d);
    }
    this.allDelays = all.sort((a, b) => a - b);
  }

  /** When `userId`, given the conversation at `assignedAt`, first replies (null: never). */
  replyAt(opening: SimOpening, userId: string, assignedAt: number): number | null {
    const recorded = opening.replies.find((r) => r.userId === userId);
    if (recorded) return recorded.at >= assignedAt ? recorded.at : assignedAt + recorded.delayMs;
    // They had it and never answered: the record says so, no draw overrides it.
    if (opening.handlers?.includes(userId)) return null;
    const own = this.delaysByAgent.get(userId);
    const pool = own && own.length > 0 ? own : this.allDelays;
    if (pool.length === 0) return null;
    const u = seededUniform(this.seed, `${opening.conversationId}:${userId}`);
    return assignedAt + pool[Math.min(pool.length - 1, Math.floor(u * pool.length))]!;
  }
}

/** Every recorded reply's delay in `openings`, by member (what the reply model draws from). */
export function replyDelaysOf(openings: readonly SimOpening[]): SimReplyDelays {
  const delays: SimReplyDelays = {};
  for (const o of openings) for (const r of o.replies) (delays[r.userId] ??= []).push(r.delayMs);
  return delays;
}

import type { WorkspaceCalendar } from '../business-time/schedule-ref';
import type { ConversationPriority } from '../contacts/contact-fields';
import type { Availability, Snapshot } from '../interpreter/snapshot';
import type { Source } from '../schema/primitives';
import type { SlaPolicy } from '../sla/sla-policy-schema';

/** A member as the replay sees them: availability at the start of the period. */
export interface SimMember {
  id: string;
  name: string;
  availability: Availability;
  skills: string[];
  /** Capacity per agent (workspace default, team override); null: unlimited. */
  capacity: number | null;
}

/** A team with its members in joining order (the round-robin rotation order). */
export interface SimTeam {
  id: string;
  name: string;
  memberIds: string[];
}

/** A recorded availability change (availability_changes). */
export interface SimAvailabilityChange {
  at: number;
  userId: string;
  availability: Availability;
}

/**
 * A member's first reply in a conversation: when, and how long after they got it (from the
 * recorded assignment events; since the opening when they never had it).
 */
export interface SimReply {
  userId: string;
  at: number;
  delayMs: number;
}

/** A recorded opening: what the trigger and the steps read, and what happened after. */
export interface SimOpening {
  conversationId: string;
  openedAt: number;
  /** When the conversation was closed (recorded; the replay closes it then whatever it routed). */
  closedAt: number | null;
  source: Source;
  channelId: string | null;
  priority: ConversationPriority;
  contact: Snapshot['contact'];
  /** First reply per member, in time order. */
  replies: SimReply[];
  /**
   * Members the conversation was actually assigned to (recorded assignment events). One of
   * them who never replied is replayed as not replying: that is what was recorded.
   */
  handlers?: string[];
}

export interface SimVersionInput {
  label: 'draft' | 'published';
  /** A workflow_versions id, or "draft". */
  versionId: string;
  /** The definition as stored (a draft may not parse: its broken steps fail where reached). */
  definition: unknown;
}

export interface SimulationInput {
  workflow: { id: string; name: string };
  period: { from: number; to: number };
  seed: number;
  calendar: WorkspaceCalendar;
  /** In joining order (the rotation order of a workspace pool). */
  members: SimMember[];
  teams: SimTeam[];
  /** In time order. */
  availability: SimAvailabilityChange[];
  /** In opening order. */
  openings: SimOpening[];
  /** Open conversations each member held at the start of the period (capacity, fewest open). */
  initialOpenCounts: Record<string, number>;
  slaPolicies: SlaPolicy[];
  versions: SimVersionInput[];
  /** How many conversations keep their step-by-step trace (default 30). */
  sampleSize?: number;
}

/** Recorded first-reply delays (ms) by member: the reply model draws from every one in the period. */
export type SimReplyDelays = Record<string, number[]>;

/**
 * A period whose openings come later, in pages in opening order (the worker replays while
 * Postgres is still being read): everything but the openings, and the two things a replay
 * draws from the whole period before its first opening — every conversation id (the sample,
 * progress) and every recorded reply delay (the reply model).
 */
export interface SimulationSetting extends Omit<SimulationInput, 'openings'> {
  /** Every opening's conversation id, in opening order. */
  conversationIds: string[];
  replyDelays: SimReplyDelays;
}

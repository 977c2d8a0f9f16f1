import type { WorkspaceCalendar } from '../business-time/schedule-ref';
import type { ConversationPriority } from '../contacts/contact-fields';
import type { HttpRequestResult, PendingHttpRequest } from '../steps/http-request-step';
import type { Source } from '../schema/primitives';

export type Availability = 'online' | 'away' | 'offline';
export type PoolKey = 'workspace' | `team:${string}` | `user:${string}`;

export interface Candidate {
  userId: string;
  name: string;
  availability: Availability;
  openCount: number;
  /**
   * Capacity per agent: the most open conversations they may hold through automatic
   * assignment (workspace default, team override). Absent or null: unlimited.
   */
  capacity?: number | null;
  // false = still listed for rotation order (e.g. just removed from the team) but must not
  // be picked; keeping them listed keeps the round-robin cursor meaningful.
  inPool: boolean;
}

export interface Pool {
  key: PoolKey;
  candidates: Candidate[];
  cursorUserId: string | null;
}

export interface Snapshot {
  // From the DB clock, never Date.now(): keeps the engine pure and runs replayable.
  now: number;
  workflow: { id: string; name: string };
  conversation: {
    id: string;
    status: 'open' | 'closed';
    priority: ConversationPriority;
    assigneeId: string | null;
    teamId: string | null;
    channelId: string | null;
    openedAt: number;
    lastIncomingAt: number | null;
    /** Any outgoing message, automated ones (send-message step) included. */
    lastOutgoingAt: number | null;
    /** Outgoing messages written by a member only: what "agent replies only" conditions read. */
    lastAgentReplyAt: number | null;
    // The current assignee's reply clock: when they got the conversation (null while
    // unassigned) and their first outgoing message since then (null until they reply).
    // Messages without a user author (automated ones) never set it.
    assignedAt: number | null;
    assigneeRepliedAt: number | null;
    openedBy: Source;
  };
  contact: { id: string; name: string | null; fields: Record<string, string>; tags: string[] };
  // skills: what skills routing checks (member tags); absent on snapshots from before it.
  users: Record<string, { id: string; name: string; availability: Availability; skills?: string[] }>;
  teams: Record<string, { id: string; name: string }>;
  pools: Partial<Record<PoolKey, Pool>>;
  /** The workspace's time zone and opening hours (business-time steps and conditions). */
  calendar: WorkspaceCalendar;
  /**
   * Why the adapter re-ran a queued run before its timeout, per agent who became available
   * ("Carol came online"): the winner's is named in the explanation. Absent on ordinary
   * starts, resumes and timeouts.
   */
  queueWake?: Record<string, string> | null;
}

/**
 * A run waiting in an assignment queue: which assign step holds it, the pool it waits for,
 * since when (arrival order) and until when (the step's timeout). The run's wait timer is
 * the timeout; an agent becoming available re-runs the step early (the adapter's drain).
 */
export interface QueueState {
  stepId: string;
  pool: PoolKey;
  since: number;
  until: number;
}

export interface RunState {
  triedUserIds: string[];
  jumpCounts: Record<string, number>;
  previousAssigneeId: string | null;
  stepsExecuted: number;
  /** Run variables (an HTTP request step's status and fields: `http.<saveAs>.<name>`). */
  vars?: Record<string, string>;
  /** An HTTP request step paused the run: what the worker must call. */
  pendingHttp?: PendingHttpRequest;
  /** Handed in by the worker on resume, consumed by the step (never persisted). */
  httpResult?: HttpRequestResult;
  /** Set while the run waits in a queue (absent in runs stored before queues existed). */
  queue?: QueueState | null;
}

export function initialRunState(): RunState {
  return { triedUserIds: [], jumpCounts: {}, previousAssigneeId: null, stepsExecuted: 0 };
}

export const teamPoolKey = (teamId: string): PoolKey => `team:${teamId}`;
export const userPoolKey = (userId: string): PoolKey => `user:${userId}`;

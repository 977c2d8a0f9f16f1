import type { workflowRuns } from '../schema';

export type RunRow = typeof workflowRuns.$inferSelect;

/** What the queue adapter must do after the transaction commits. */
export type ScheduledWait = {
  workspaceId: string;
  runId: string;
  waitSeq: number;
  wakeAt: Date;
  /** An HTTP request step's pause: the worker makes the call before resuming. */
  http?: true;
  /**
   * The assignment pools the run can reach when it resumes, before it pauses again (its
   * version is immutable). The timer carries them so the resume locks their cursors in the
   * round trip that locks the conversation; absent (a re-created timer), they are read then.
   */
  pools?: string[];
};

export type AdvanceResult = {
  runId: string;
  conversationId: string;
  status: RunRow['status'];
  wait: ScheduledWait | null;
  /** Outbox events the run wrote (e.g. conversation.closed) for the queue. */
  outboxEventIds: string[];
  /** Automated messages the run wrote that the worker must deliver (send-message steps). */
  deliveryMessageIds: string[];
  /** The run just joined an assignment queue (the worker re-checks the queue after commit). */
  queued?: string;
};

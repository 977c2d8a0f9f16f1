import type { Effect } from '../interpreter/effects';
import type { StepType } from '../schema/workflow-definition';

/** One step of a simulated run, in the shape of a run's `run_steps` row (times in ms). */
export interface SimulatedStep {
  seq: number;
  stepId: string;
  stepType: StepType | 'trigger';
  output: string | null;
  decision: unknown;
  effects: Effect[];
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

export type SimulatedRunStatus = 'completed' | 'failed' | 'waiting' | 'cancelled';

/** What happened to one conversation in one version's replay, in a comparable form. */
export interface ConversationOutcome {
  conversationId: string;
  /** Every assignment the workflow made, in order (a reassignment is any after the first). */
  assignees: string[];
  reassignments: number;
  /** The run joined an assignment queue, and how it left it (null: never queued). */
  queue: 'assigned' | 'timed_out' | 'waiting' | 'cancelled' | null;
  /** An assign step found no one and took its "no one available" / "no skill match" output. */
  noOneAvailable: boolean;
  firstResponseAt: number | null;
  runStatus: SimulatedRunStatus | 'not_started';
}

/** A sampled conversation with its step-by-step path. */
export interface SimulatedPath {
  conversationId: string;
  contactName: string | null;
  openedAt: number;
  runStatus: SimulatedRunStatus;
  error: string | null;
  steps: SimulatedStep[];
}

export interface FirstResponseSummary {
  medianMs: number | null;
  p90Ms: number | null;
  replied: number;
  unanswered: number;
}

export interface SlaSummary {
  /** Conversations a policy with a first response target applied to. */
  covered: number;
  met: number;
  breached: number;
  /** met / (met + breached); null when nothing was decided. */
  attainment: number | null;
}

export interface VersionSimulation {
  label: 'draft' | 'published';
  versionId: string;
  /** Why no run started (a trigger the replay cannot feed), or null. */
  triggerNote: string | null;
  /** Steps that cannot run (their problems), by step id. */
  brokenSteps: Record<string, string>;
  runs: number;
  runStatus: Record<SimulatedRunStatus, number>;
  assignmentsPerAgent: Record<string, number>;
  reassignments: number;
  queuedByHour: number[];
  noOneAvailableByHour: number[];
  queueTimeouts: number;
  firstResponse: FirstResponseSummary;
  sla: SlaSummary | null;
  /** Runs that failed, by step id: how many and the first error. */
  failedSteps: Record<string, { count: number; error: string }>;
  samples: SimulatedPath[];
}

export interface SimulationResult {
  period: { from: number; to: number };
  seed: number;
  conversations: number;
  timeZone: string;
  replyModel: string;
  versions: VersionSimulation[];
}

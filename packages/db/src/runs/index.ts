export { startRunsForEvent } from './start-runs-for-event';
export { startRunsForEvents, type EventRef, type EventRunsResult } from './start-runs-for-events';
export { resumeWaitingRun, type ResumeResult } from './resume-waiting-run';
export { resumeWaitingRuns, type WaitRef } from './resume-waiting-runs';
export { listRuns, listRunsPage, runFiltersSchema, type RunFilters, type RunListItem } from './list-runs';
export { getRun, type RunDetail } from './get-run';
export type { AdvanceResult, ScheduledWait, RunRow } from './run-types';
export { fireWaitNow } from './fire-wait-now';
export { cancelRun, type CancelRunResult } from './cancel-run';
export { retryRun } from './retry-run';
export { listPendingTimers, type PendingTimer } from './list-pending-timers';
export {
  getStepAnalytics,
  stepAnalyticsInputSchema,
  type StepAnalytics,
  type StepAnalyticsInput,
} from './get-step-analytics.sql';
export type { ManualDecision, RunAction } from './record-run-action';
export { startManualRun } from './start-manual-run';
export { drainQueues, queueWakeReasons, type QueueWake, type QueueWakeReason } from './queue/drain-queues';
export { listQueues, type QueueEntry } from './queue/list-queues.sql';
export type { QueueLeftDecision } from './queue/leave-queue';
export { advanceRunMoves, runsInFlightByStep, getPublishImpact, listenRunMoves, RUN_MOVES_CHANNEL, type RunMoveDecision, type RunMovesPass, type PublishImpactView } from './move';

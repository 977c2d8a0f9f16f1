export { startRunsForEvent } from './start-runs-for-event';
export { resumeWaitingRun, type ResumeResult } from './resume-waiting-run';
export type { AdvanceResult, ScheduledWait, RunRow } from './run-types';

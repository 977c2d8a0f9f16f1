export { startRunsForEvent } from './start-runs-for-event';
export { resumeWaitingRun, type ResumeResult } from './resume-waiting-run';
export { listRuns, runFiltersSchema, type RunFilters, type RunListItem } from './list-runs';
export { getRun, type RunDetail } from './get-run';
export type { AdvanceResult, ScheduledWait, RunRow } from './run-types';

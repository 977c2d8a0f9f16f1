export { listSlaPolicies, createSlaPolicy, updateSlaPolicy, deleteSlaPolicy, moveSlaPolicy } from './manage-sla-policies';
export { requestSlaRecompute } from './request-sla-recompute.sql';
export { syncSlaClocks, type SlaSyncResult } from './sync-sla-clocks.sql';
export { fireSlaTimer, fireSlaTimers, type SlaTimerRef, type FireSlaResult } from './fire-sla-timer.sql';
export { findOverdueSlaTimers } from './find-overdue-sla-timers.sql';
export { advanceSlaRecompute } from './advance-sla-recompute.sql';
export { nextSlaTimer, type SlaTimer } from './sla-timers';
export { listenSlaSync, SLA_SYNC_CHANNEL } from './listen-sla-sync';
export { listSlaClocksOf, type SlaClockView } from './list-sla-clocks.sql';

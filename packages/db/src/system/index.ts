export { migrateDatabase, migrationsFolder } from './migrate';
export { findOverdueWaits, findAllWaits } from './find-overdue-waits';
export { findPendingOutboxEvents } from './find-pending-outbox-events';
export { describeDbError } from './describe-db-error';
export { listenQueueWakes, findQueuedWorkspaces, parseQueueWake, QUEUE_WAKE_CHANNEL } from './listen-queue-wakes';
export { notifyQueuedRuns } from './notify-queued-runs.sql';
export { holdLeaderLease, type LeaderLease } from './leader-lease';
export { cleanGinPendingLists } from './clean-gin-pending-lists.sql';

export { migrateDatabase, migrationsFolder } from './migrate';
export { findOverdueWaits, findAllWaits } from './find-overdue-waits';
export { findPendingOutboxEvents } from './find-pending-outbox-events';

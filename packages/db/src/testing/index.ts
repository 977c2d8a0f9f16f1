export { testDatabase } from './test-database';
export { createTestWorkspace, type TestWorkspace } from './create-test-workspace';
export { createFailedWebhookDelivery } from './failed-webhook-delivery.sql';
export { insertSlaPolicyRow } from './sla-policy-row.sql';
export { listenForQueueWakes } from './queue-wake-listener';
export { createQueuedTeamWorkspace } from './queued-team-workspace';
export { insertBulkOpenings } from './bulk-openings.sql';

export * from './enums';
export * from './identity';
export * from './conversations';
export * from './workflows';
export * from './idempotency';
export * from './webhooks';
export * from './schedules';
export * from './contact-settings';

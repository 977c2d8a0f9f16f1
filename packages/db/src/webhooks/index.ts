export * from './webhook-event-types';
export * from './webhook-backoff';
export * from './manage-webhook-subscriptions';
export * from './webhook-delivery-log';
export * from './deliver-webhooks.sql';
export * from './record-webhook-event.sql';

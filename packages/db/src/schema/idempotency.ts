import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiKeys, createdAt, workspaceIdColumn as workspaceId } from './identity';

// `Idempotency-Key` of a POST made with an API key: the first request's answer, replayed to a
// retry with the same key for 24 hours. A row without a status is a request still in progress.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: workspaceId(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    // sha256 of method, path and raw body: the same key with another request is a 409.
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body').$type<unknown>(),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.key] }),
    index('idempotency_keys_workspace_created_idx').on(t.workspaceId, t.createdAt),
    // The worker's sweep of expired keys across workspaces (sweep-expired-idempotency-keys.sql.ts).
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

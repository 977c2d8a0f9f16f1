import { z } from 'zod';

/**
 * What an API key may do, as `resource:access` (GitHub's fine-grained tokens, Zendesk's
 * `tickets:read`, Slack's `chat:write`). Read and write are separate scopes, as Intercom's
 * "Read conversations" / "Write conversations": a reporting integration gets the read ones
 * only. Each public endpoint declares the one scope it needs (apps/web endpoints/*).
 * Keys created before scopes existed were migrated to every scope (migration 0021).
 */
export const API_KEY_SCOPES = [
  'conversations:read',
  'conversations:write',
  'workflows:read',
  'workflows:manage',
  'team:read',
  'team:manage',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  'conversations:read': 'Read conversations, messages, events and contacts',
  'conversations:write': 'Receive customer messages, send replies, close conversations',
  'workflows:read': 'Read workflows and runs',
  'workflows:manage': 'Create, edit, publish and stop workflows; start runs',
  'team:read': 'Read members and teams',
  'team:manage': 'Create teams, add members, set availability',
};

export const apiKeyScopesSchema = z
  .array(z.enum(API_KEY_SCOPES, { error: `Each scope must be one of ${API_KEY_SCOPES.join(', ')}` }), { error: 'Choose what the key may do' })
  .min(1, { error: 'Choose at least one scope' })
  .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s)));

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

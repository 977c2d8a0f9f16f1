import { z } from 'zod';
import { MAX_TIMELINE_PAGE_SIZE, inboundMessageSchema, replySchema } from '@baton/db';
import { defineEndpoint } from '../contract/define-endpoint';
import { pageQuery } from '../contract/pagination';
import {
  contactListSchema,
  conversationAssignedSchema,
  conversationClosedSchema,
  conversationEventListSchema,
  conversationListSchema,
  conversationSchema,
  conversationStatusSchema,
  eventTypeSchema,
  inboundStoredSchema,
  messageDirectionSchema,
  messageListSchema,
  replySentSchema,
} from '../schemas/conversation-schemas';

const tag = 'Conversations';
const uuidParam = (name: string) => z.uuid({ error: `${name} must be an id` }).optional();

export const receiveMessageEndpoint = defineEndpoint({
  method: 'post', path: '/channels/{id}/messages', operationId: 'receiveMessage', scope: 'conversations:write', tag, pathId: 'Channel', signed: true,
  summary: 'Inbound customer message on a custom channel',
  description:
    "Opens a conversation when the contact has none open. Idempotent by `externalId` (a repeat answers 200 with `duplicate: true`). `contact.fields` (key → value) and `contact.tags` (tags to add) are checked against the workspace's contact fields and tags (Settings → Contact fields & tags) before anything is written: a value of the wrong type, an unknown key or an unknown tag is a 400 naming the field (`contact.fields.<key>`, `contact.tags.<i>`); `null` or \"\" clears a field. `priority` sets the conversation's priority.",
  body: { schema: inboundMessageSchema, name: 'InboundMessage' },
  responses: { 201: inboundStoredSchema, 200: inboundStoredSchema }, errors: [404, 409],
});

export const listConversationsEndpoint = defineEndpoint({
  method: 'get', path: '/conversations', operationId: 'listConversations', scope: 'conversations:read', tag, summary: 'Conversations, newest first',
  query: z.object({
    status: conversationStatusSchema.optional(),
    assigneeId: z.union([z.uuid(), z.literal('none')], { error: 'assigneeId must be a member id or none' }).optional().describe('A member id, or `none` for unassigned'),
    teamId: uuidParam('teamId'),
    channelId: uuidParam('channelId'),
    updatedSince: z.iso.datetime({ offset: true, error: 'updatedSince must be an ISO 8601 date-time' }).optional().describe('Last activity (a message, an assignment, a status change) at or after this instant'),
    ...pageQuery,
  }),
  responses: { 200: conversationListSchema },
});
export const getConversationEndpoint = defineEndpoint({
  method: 'get', path: '/conversations/{id}', operationId: 'getConversation', scope: 'conversations:read', tag, pathId: 'Conversation',
  summary: 'Conversation with the latest page of its events, comments and messages',
  description: '`?limit=` per list (default 100, max 500); `?before=` the `olderBefore` of the previous answer for older items. For long histories page with /messages and /events.',
  query: z.object({
    before: z.iso.datetime({ offset: true, error: 'before must be an ISO 8601 date-time (the olderBefore of the previous page)' }).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE_SIZE).optional(),
  }),
  responses: { 200: conversationSchema }, errors: [404],
});
export const listMessagesEndpoint = defineEndpoint({
  method: 'get', path: '/conversations/{id}/messages', operationId: 'listConversationMessages', scope: 'conversations:read', tag, pathId: 'Conversation',
  summary: "A conversation's messages, oldest first",
  query: z.object({ direction: messageDirectionSchema.optional(), ...pageQuery }),
  responses: { 200: messageListSchema }, errors: [404],
});
export const sendReplyEndpoint = defineEndpoint({
  method: 'post', path: '/conversations/{id}/messages', operationId: 'sendReply', scope: 'conversations:write', tag, pathId: 'Conversation',
  summary: 'Outgoing reply on behalf of a member',
  description: 'Recorded as sent by the member `userId` via the API (the message shows `via: "api"` and the key; the inbox shows "Alice (via API)"). It is their reply: it sets the first response time and stops their reply clock when they are the assignee. A `userId` that is not a member of the workspace is a 400 naming `userId`.',
  body: { schema: replySchema, name: 'Reply' },
  responses: { 201: replySentSchema }, errors: [404, 409],
});
export const listEventsEndpoint = defineEndpoint({
  method: 'get', path: '/conversations/{id}/events', operationId: 'listConversationEvents', scope: 'conversations:read', tag, pathId: 'Conversation',
  summary: "A conversation's event log (opened, assigned, reassigned, closed…), oldest first",
  query: z.object({ type: eventTypeSchema.optional(), ...pageQuery }),
  responses: { 200: conversationEventListSchema }, errors: [404],
});
export const assignConversationEndpoint = defineEndpoint({
  method: 'post', path: '/conversations/{id}/assign', operationId: 'assignConversation', scope: 'conversations:write', tag, pathId: 'Conversation',
  summary: 'Assign, reassign or unassign (assigneeId null); the team follows when given',
  description:
    'Recorded as assigned through the API (an `assigned` / `reassigned` / `unassigned` event; the reply clock restarts; a queued conversation leaves its queue). An assignee at capacity is refused with 409 `at_capacity` (`details`: `field`, `openCount`, `capacity`) and nothing changes, unless `force: true` — the inbox\'s "assign anyway?". An `assigneeId` or `teamId` that is not of this workspace is a 400 naming it.',
  body: {
    schema: z.object({
      assigneeId: z.uuid({ error: 'assigneeId must be a member id or null' }).nullable(),
      teamId: z.uuid({ error: 'teamId must be a team id or null' }).nullable().optional().describe('Omitted: the team stays'),
      force: z.boolean().optional().describe('Assign even when the assignee is at capacity'),
    }),
    name: 'AssignConversation',
  },
  responses: { 200: conversationAssignedSchema }, errors: [404, 409],
});
export const closeConversationEndpoint = defineEndpoint({
  method: 'post', path: '/conversations/{id}/close', operationId: 'closeConversation', scope: 'conversations:write', tag, pathId: 'Conversation',
  summary: 'Close the conversation (ends its waiting runs)', responses: { 200: conversationClosedSchema }, errors: [404],
});

export const listContactsEndpoint = defineEndpoint({
  method: 'get', path: '/contacts', operationId: 'listContacts', scope: 'conversations:read', tag: 'Contacts', summary: 'Contacts, newest first',
  query: z.object({
    channelId: uuidParam('channelId'),
    externalId: z.string().min(1).max(200).optional().describe("The contact's id in the channel"),
    email: z.string().min(1).max(320).optional(),
    ...pageQuery,
  }),
  responses: { 200: contactListSchema },
});

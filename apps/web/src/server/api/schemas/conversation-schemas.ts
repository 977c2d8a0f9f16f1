import { z } from 'zod';
import { dateTime, id, named } from './component-registry';
import { nextCursorSchema } from '../contract/pagination';

export const conversationStatusSchema = z.enum(['open', 'closed']);
export const openedBySchema = z.enum(['contact', 'user', 'workflow', 'api']);
export const messageDirectionSchema = z.enum(['incoming', 'outgoing']);
export const eventTypeSchema = z.enum(['opened', 'reopened', 'assigned', 'unassigned', 'reassigned', 'closed', 'queued', 'sla.warning', 'sla.breached']);

export const contactSchema = named(
  'Contact',
  z.object({
    id: id(),
    channelId: id(),
    externalId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    fields: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    createdAt: dateTime(),
  }),
);
export const contactListSchema = named('ContactList', z.object({ contacts: z.array(contactSchema), nextCursor: nextCursorSchema }));

export const messageSchema = named(
  'Message',
  z.object({
    id: id(),
    conversationId: id(),
    channelId: id(),
    direction: messageDirectionSchema,
    authorUserId: id().nullable(),
    text: z.string(),
    automated: z.boolean().describe("Sent by a workflow's send-message step (no author)"),
    workflowRunId: id().nullable().describe('The run that sent an automated message'),
    via: z.enum(['inbox', 'api']).nullable().describe("How a member's outgoing message was sent: by them in the inbox, or by an API key on their behalf (the author)"),
    apiKeyId: id().nullable().describe('The API key an integration sent the reply with (via `api`)'),
    externalId: z.string().nullable(),
    deliveryStatus: z.enum(['pending', 'delivered', 'failed']).nullable().describe('Outgoing messages on a channel with a webhook'),
    deliveryError: z.string().nullable(),
    deliveredAt: dateTime().nullable(),
    createdAt: dateTime(),
  }),
);
export const messageListSchema = named('MessageList', z.object({ messages: z.array(messageSchema), nextCursor: nextCursorSchema }));

export const commentSchema = named(
  'Comment',
  z.object({
    id: id(),
    conversationId: id(),
    authorUserId: id().nullable(),
    workflowRunId: id().nullable(),
    body: z.string(),
    mentionUserIds: z.array(id()),
    createdAt: dateTime(),
  }),
);

export const conversationEventSchema = named(
  'ConversationEvent',
  z.object({
    id: id(),
    conversationId: id(),
    type: eventTypeSchema,
    actorType: z.enum(['user', 'workflow', 'api', 'contact', 'system']),
    actorUserId: id().nullable(),
    workflowRunId: id().nullable(),
    fromUserId: id().nullable(),
    toUserId: id().nullable(),
    teamId: id().nullable(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: dateTime(),
  }),
);
export const conversationEventListSchema = named(
  'ConversationEventList',
  z.object({ events: z.array(conversationEventSchema), nextCursor: nextCursorSchema }),
);

export const slaClockSchema = named(
  'SlaClock',
  z.object({
    kind: z.enum(['first_response', 'next_response', 'resolution']),
    policyId: id().nullable().describe('The SLA policy that set it (null: since deleted)'),
    targetSeconds: z.number().int(),
    startedAt: dateTime(),
    dueAt: dateTime().nullable().describe('null while paused (waiting on the customer) or when its schedule never opens'),
    status: z
      .enum(['running', 'paused', 'stopped', 'cancelled'])
      .describe('paused: waiting on the customer (policy option); stopped: the reply or close that ended it; cancelled: no policy covers it any more'),
    breached: z.boolean(),
    breachedAt: dateTime().nullable(),
    stoppedAt: dateTime().nullable(),
  }),
);
const slaClocksField = z.array(slaClockSchema).describe("SLA clocks of the current opening (and any still running), by kind then start");

export const conversationSummarySchema = named(
  'ConversationSummary',
  z.object({
    id: id(),
    status: conversationStatusSchema,
    channelId: id(),
    contact: z.object({ id: id(), externalId: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
    assigneeId: id().nullable(),
    assignedAt: dateTime().nullable().describe('When the current assignee got it'),
    assigneeRepliedAt: dateTime().nullable().describe('When the current assignee first replied since then; null while they have not'),
    teamId: id().nullable(),
    openedBy: openedBySchema,
    openedAt: dateTime(),
    closedAt: dateTime().nullable(),
    lastIncomingAt: dateTime().nullable(),
    lastOutgoingAt: dateTime().nullable(),
    lastActivityAt: dateTime(),
    lastMessagePreview: z.string().nullable(),
    createdAt: dateTime(),
    sla: slaClocksField,
  }),
);
export const conversationListSchema = named(
  'ConversationList',
  z.object({ conversations: z.array(conversationSummarySchema), nextCursor: nextCursorSchema }),
);

const namedRef = z.object({ id: id(), name: z.string().nullable() });

export const conversationSchema = named(
  'Conversation',
  z.object({
    id: id(),
    status: conversationStatusSchema,
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    channelId: id(),
    contact: z.object({
      id: id(),
      name: z.string().nullable(),
      externalId: z.string(),
      email: z.string().nullable(),
      tags: z.array(z.string()),
      fields: z.record(z.string(), z.string()),
    }),
    assigneeId: id().nullable(),
    assignee: namedRef.nullable(),
    assignedAt: dateTime().nullable().describe('When the current assignee got it'),
    assigneeRepliedAt: dateTime().nullable().describe('When the current assignee first replied since then; null while they have not'),
    teamId: id().nullable(),
    team: namedRef.nullable(),
    openedBy: openedBySchema,
    openedAt: dateTime(),
    closedAt: dateTime().nullable(),
    lastIncomingAt: dateTime().nullable(),
    lastOutgoingAt: dateTime().nullable(),
    firstResponseAt: dateTime().nullable(),
    firstResponseMs: z.number().int().nullable(),
    sla: slaClocksField,
    messages: z.array(messageSchema),
    comments: z.array(commentSchema),
    events: z.array(conversationEventSchema),
    olderBefore: dateTime().nullable().describe('Pass as `before` for the previous page of the timeline; null when none is left'),
  }),
);

export const inboundStoredSchema = named(
  'InboundStored',
  z.object({
    conversationId: id(),
    contactId: id(),
    messageId: id(),
    openedConversation: z.boolean(),
    duplicate: z.boolean().describe('true (with status 200) when this externalId was already stored'),
  }),
);

export const replySentSchema = named('ReplySent', z.object({ messageId: id(), needsDelivery: z.boolean(), firstResponse: z.boolean() }));
export const conversationClosedSchema = named(
  'ConversationClosed',
  z.object({ status: z.literal('closed'), changed: z.boolean(), cancelledRunIds: z.array(id()) }),
);
export const conversationAssignedSchema = named(
  'ConversationAssigned',
  z.object({ assigneeId: id().nullable(), teamId: id().nullable(), changed: z.boolean().describe('false when it was already so') }),
);

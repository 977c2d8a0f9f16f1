export {
  receiveInboundMessage,
  inboundMessageSchema,
  inboundAfterCommit,
  type InboundMessage,
  type InboundResult,
} from './inbound/receive-inbound-message';
export { sendReply, replySchema, type ReplyInput, type ReplyResult, type ReplySource } from './send-reply';
export { addComment, commentSchema, COMMENT_MAX_LENGTH, type CommentInput } from './add-comment';
export { closeConversation, type Actor, type CloseResult } from './close-conversation';
export { reopenConversation } from './reopen-conversation';
export { assignConversation, AtCapacityError } from './assign-conversation';
export { getConversation, TIMELINE_PAGE_SIZE, MAX_TIMELINE_PAGE_SIZE, type ConversationDetail, type TimelinePage } from './get-conversation';
export {
  receiveInboundMessages,
  receiveInboundMessagesAndStartRuns,
  type InboundItem,
  type InboundOutcome,
  type InboundWithRuns,
} from './inbound/receive-inbound-messages';
export { listConversations, type ConversationFilters } from './list-conversations';
export { listContacts, type ContactFilters } from './list-contacts';
export { listConversationMessages, listConversationEvents } from './list-conversation-timeline';

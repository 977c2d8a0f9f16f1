export { type InboxViewer, seesAllConversations } from './inbox-viewer';
export { canViewConversation, requireVisibleConversation } from './can-view-conversation';
export { loadInboxViewer } from './load-inbox-viewer.sql';
export {
  listInbox,
  inboxQuerySchema,
  INBOX_VIEWS,
  type InboxView,
  type InboxQuery,
  type InboxPage,
  type InboxItem,
} from './list-inbox';
export { countInboxViews, type InboxCounts } from './count-inbox-views';
export { getInboxConversation, type InboxConversation } from './get-inbox-conversation';
export { markConversationRead } from './mark-conversation-read';
export { markIdleMembersAway } from './mark-idle-members-away';

export { listNotifications, NOTIFICATION_PAGE_SIZE, type NotificationItem, type NotificationKind, type NotificationList } from './list-notifications';
export { markNotificationsRead, markNotificationsReadSchema, type MarkNotificationsRead } from './mark-notifications-read';
export { listenForNotifications, parseNotificationPayload, NOTIFICATION_CHANNEL, type NotificationListener } from './listen-for-notifications';
export { alertLongQueueWaits } from './alert-long-queue-waits.sql';
export { setQueueAlertMinutes, getQueueAlertMinutes } from './queue-alert-setting';

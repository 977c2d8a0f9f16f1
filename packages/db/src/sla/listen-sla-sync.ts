import { listenChannel } from '../system/listen-channel';

export const SLA_SYNC_CHANNEL = 'baton_sla_sync';

/**
 * The worker's LISTEN on `baton_sla_sync` (NOTIFY from the triggers that queue conversations
 * for SLA re-planning). `onWake` is also called on every (re)connection: the queue table is the
 * truth, the notification only a doorbell.
 */
export function listenSlaSync(url: string, onWake: () => void, log?: (msg: string) => void): { stop: () => Promise<void> } {
  return listenChannel(url, { channel: SLA_SYNC_CHANNEL, applicationName: 'baton-sla-sync', onNotification: onWake, onConnected: onWake, log });
}

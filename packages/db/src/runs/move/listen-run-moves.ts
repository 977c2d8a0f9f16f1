import { listenChannel } from '../../system/listen-channel';

export const RUN_MOVES_CHANNEL = 'baton_run_moves';

/**
 * The worker's LISTEN for publish-time moves (NOTIFY from the publish transaction). Also called
 * on every (re)connection: the `run_moves` table is the truth, the notification a doorbell.
 */
export function listenRunMoves(url: string, onWake: () => void, log?: (msg: string) => void): { stop: () => Promise<void> } {
  return listenChannel(url, { channel: RUN_MOVES_CHANNEL, applicationName: 'baton-run-moves', onNotification: onWake, onConnected: onWake, log });
}

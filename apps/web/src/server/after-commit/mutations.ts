import 'server-only';
import * as data from '@baton/db';
import { handOffAfterCommit } from '@/server/api/queue';
import { committing } from './committing';

/**
 * The web's mutating data functions, each answering a `Committing` whose result is read only
 * through `handedOver()` (the one hand-off: `handOff` in packages/queue): its outbox events,
 * waits, deliveries and realtime notices go out after the commit, and only then. Routes and
 * server actions import these, not the @baton/db originals, and never reach the queues or
 * the realtime publisher themselves (eslint.config.mjs forbids both there).
 */
const handOver = (work: data.AfterCommit) => handOffAfterCommit([work]);

export const closeConversation = committing(data.closeConversation, handOver);
export const reopenConversation = committing(data.reopenConversation, handOver);
export const sendReply = committing(data.sendReply, handOver);
export const addComment = committing(data.addComment, handOver);
export const assignConversation = committing(data.assignConversation, handOver);
export const updateContact = committing(data.updateContact, handOver);
export const setAvailability = committing(data.setAvailability, handOver);
export const startManualRun = committing(data.startManualRun, handOver);
export const retryRun = committing(data.retryRun, handOver);
export const fireWaitNow = committing(data.fireWaitNow, handOver);
export const cancelRun = committing(data.cancelRun, handOver);
export const receiveSignedMessage = committing(data.receiveSignedMessage, handOver);

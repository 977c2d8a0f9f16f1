import { asc, sql, type AnyColumn } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../client';
import { conversations } from '../../schema';
import type { ConversationRow } from '../../conversations/lock-conversation';
import { inWorkspacePairs, type WorkspaceKey } from './batch-keys';

type Owner = { table: PgTable; workspaceId: AnyColumn; id: AnyColumn; conversationId: AnyColumn };

/**
 * Locks the conversations of a batch's rows (outbox events, runs) in one statement, in
 * conversation id order — the order every batch takes them in, so two batches never wait on
 * each other in a cycle.
 */
export function lockBatchConversations(tx: Tx, owner: Owner, keys: readonly WorkspaceKey[]): Promise<ConversationRow[]> {
  return tx
    .select()
    .from(conversations)
    .where(
      sql`(${conversations.workspaceId}, ${conversations.id}) in (select ${owner.workspaceId}, ${owner.conversationId} from ${owner.table} where ${inWorkspacePairs(owner.workspaceId, owner.id, keys)})`,
    )
    .orderBy(asc(conversations.id))
    .for('update');
}

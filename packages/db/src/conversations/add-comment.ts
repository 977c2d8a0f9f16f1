import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { comments, conversations, memberships } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { lockConversation } from './lock-conversation';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';

/** One limit for every caller (the inbox action validates against it, so a long comment is a form error, not a 500). */
export const COMMENT_MAX_LENGTH = 5000;

export const commentSchema = z.object({
  userId: z.uuid(),
  body: z.string().trim().min(1).max(COMMENT_MAX_LENGTH),
  mentionUserIds: z.array(z.uuid()).max(50).default([]),
});
export type CommentInput = z.input<typeof commentSchema>;

export function addComment(
  t: Tenant,
  conversationId: string,
  raw: CommentInput,
): Promise<WithAfterCommit<{ commentId: string }>> {
  const input = commentSchema.parse(raw);
  return inTransaction(t, async (tx) => {
    const people = [input.userId, ...input.mentionUserIds];
    const found = await tx.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspaceId), inArray(memberships.userId, people)));
    const known = new Set(found.map((f) => f.userId));
    const unknown = people.find((p) => !known.has(p));
    if (unknown) {
      throw new DomainError('invalid', `User ${unknown} is not a member of this workspace`, {
        field: unknown === input.userId ? 'userId' : 'mentionUserIds',
      });
    }
    await lockConversation(tx, conversationId);
    const [row] = await tx.db
      .insert(comments)
      .values({
        workspaceId: tx.workspaceId,
        conversationId,
        authorUserId: input.userId,
        body: input.body,
        mentionUserIds: input.mentionUserIds,
      })
      .returning({ id: comments.id });
    await tx.db
      .update(conversations)
      .set({ lastActivityAt: sql`now()` })
      .where(
        and(eq(conversations.workspaceId, tx.workspaceId), eq(conversations.id, conversationId)),
      );
    return { commentId: row!.id, afterCommit: afterCommit(tx.workspaceId, { notices: conversationsChanged([conversationId], 'comment') }) };
  });
}

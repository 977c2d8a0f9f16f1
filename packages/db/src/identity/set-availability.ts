import { and, eq, sql } from 'drizzle-orm';
import { memberships } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { requireUuid } from './require-uuid';
import type { Availability } from './roles';
import { afterCommit, conversationsChanged, type WithAfterCommit } from '../committed';
import { handOnUnanswered, type HandOnActor, type HandOnMove } from '../availability/hand-on-unanswered';

/**
 * Sets a member's availability. availability_changed_at only moves when the value changes,
 * so "away since 10:02" stays true when someone clicks "away" twice. Going away or offline
 * hands on their unanswered conversations in the same transaction, as the workspace or
 * team says (handOnUnanswered); `handedOn` lists what moved. The receipt tells the inboxes
 * (the member's availability when it changed, the conversations handed on).
 */
export async function setAvailability(
  t: Tenant,
  userId: string,
  availability: Availability,
  actor: HandOnActor = { type: 'user', userId },
): Promise<WithAfterCommit<{ availability: Availability; availabilityChangedAt: Date; handedOn: HandOnMove[] }>> {
  requireUuid(userId, 'Member');
  return inTransaction(t, async (tx) => {
    const [before] = await tx.db
      .select({ availability: memberships.availability })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)))
      .for('update');
    if (!before) throw new DomainError('not_found', 'Member not found');
    const [row] = await tx.db
      .update(memberships)
      .set({
        availability,
        availabilityChangedAt: sql`case when ${memberships.availability} = ${availability} then ${memberships.availabilityChangedAt} else now() end`,
      })
      .where(and(eq(memberships.workspaceId, tx.workspaceId), eq(memberships.userId, userId)))
      .returning({ availability: memberships.availability, availabilityChangedAt: memberships.availabilityChangedAt });
    const changed = before.availability !== availability;
    const handedOn = availability !== 'online' && changed ? await handOnUnanswered(tx, userId, availability, actor) : [];
    return {
      ...row!,
      handedOn,
      afterCommit: afterCommit(tx.workspaceId, {
        notices: [
          ...(changed ? [{ type: 'member.availability' as const, userId }] : []),
          ...conversationsChanged(
            handedOn.map((h) => h.conversationId),
            'assignment',
          ),
        ],
      }),
    };
  });
}

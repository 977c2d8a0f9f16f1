import { sql } from 'drizzle-orm';
import type { TenantTx } from '../tenancy/tenant';
import type { AwayHandOn } from './hand-on-unanswered';

/**
 * Locks (FOR UPDATE, id order) a member's open conversations they have not replied to since
 * they got them, whose team's (else the workspace's) away policy moves them — with that
 * policy. One statement instead of a read, a policy join and a lock per conversation.
 */
export async function lockUnansweredOf(
  tx: TenantTx,
  userId: string,
): Promise<{ id: string; team_id: string | null; team_name: string | null; policy: AwayHandOn; opened_at: string | Date }[]> {
  const res = await tx.db.execute<{ id: string; team_id: string | null; team_name: string | null; policy: AwayHandOn; opened_at: string | Date }>(sql`
    select c.id, c.team_id, c.opened_at, t.name as team_name, coalesce(t.away_hand_on, w.away_hand_on) as policy
      from conversations c
      join workspaces w on w.id = c.workspace_id
      left join teams t on t.id = c.team_id and t.workspace_id = c.workspace_id
     where c.workspace_id = ${tx.workspaceId} and c.assignee_id = ${userId}
       and c.status = 'open' and c.assignee_replied_at is null
       and coalesce(t.away_hand_on, w.away_hand_on) <> 'leave'
     order by c.id
       for update of c`);
  return res.rows;
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Candidate, Pool, PoolKey, Snapshot } from '@baton/engine';
import type { Tx } from '../../client';
import { assignmentCursors, memberOpenCounts, memberships, teamMembers, users } from '../../schema';
import { inWorkspacePairs, keyOf } from '../../sql/json-recordset';
import type { WorkspaceMember } from './load-batch-world';
import { lockOpenCounts } from '../../capacity/lock-open-counts.sql';
import { executeNamedQuery } from '../../sql/named-statement';

export type PoolRef = { workspaceId: string; key: PoolKey };

/**
 * Loads every pool a batch may assign from and locks their round-robin cursors — all of
 * them, in (workspace, pool) order, before any decision. Taking them lazily per run would
 * let two batches take two cursors in opposite orders and deadlock. Open counts are read
 * after the cursor locks, so they include every assignment committed before ours.
 */
export async function loadBatchPools(
  tx: Tx,
  refs: readonly PoolRef[],
  members: ReadonlyMap<string, WorkspaceMember[]>,
  /** The batch's conversations' current assignees (their counts drop when reassigned). */
  assignees: readonly { workspaceId: string; userId: string }[] = [],
): Promise<Map<string, Snapshot['pools']>> {
  return finishBatchPools(tx, startBatchPools(tx, refs), members, assignees);
}

/** The pools' cursor locks and team rows, issued and not yet answered (startBatchPools). */
export type StartedBatchPools = {
  refs: PoolRef[];
  cursorRows: Promise<{ workspaceId: string; key: string; lastUserId: string | null }[]>;
  teamRows: Promise<TeamRow[]>;
};
type TeamRow = {
  workspaceId: string;
  teamId: string;
  userId: string;
  name: string;
  availability: WorkspaceMember['availability'];
  open: number;
};

/** Whether `started` locked every pool in `refs`. */
export function coversPools(started: StartedBatchPools, refs: readonly PoolRef[]): boolean {
  const have = new Set(started.refs.map((r) => keyOf(r.workspaceId, r.key)));
  return refs.every((r) => have.has(keyOf(r.workspaceId, r.key)));
}

/**
 * The first half of loadBatchPools: issues the cursor locks and the team read now, without
 * waiting for them. On a pipelining connection a caller that already issued its lock
 * statement gets both in the same round trip (resumeWaitingRuns, with the pools its waits
 * named when they were scheduled); Postgres still runs them after that statement, so the
 * cursors are locked after the conversations, as everywhere.
 */
export function startBatchPools(tx: Tx, refs: readonly PoolRef[]): StartedBatchPools {
  const unique = [...new Map(refs.map((r) => [keyOf(r.workspaceId, r.key), r])).values()].sort(
    (a, b) =>
      a.workspaceId === b.workspaceId
        ? a.key.localeCompare(b.key)
        : a.workspaceId.localeCompare(b.workspaceId),
  );
  if (unique.length === 0)
    return { refs: unique, cursorRows: Promise.resolve([]), teamRows: Promise.resolve([]) };

  const rotating = unique.filter((r) => !r.key.startsWith('user:'));
  const teamRefs = unique.filter((r) => r.key.startsWith('team:'));
  // Issued back to back, not awaited in between: on a pipelining connection both leave in
  // one write (one round trip while the conversation locks are held). Postgres still runs
  // them in this order, each with its own snapshot, so the open counts are read after the
  // cursor locks are held and include every assignment committed before ours.
  const cursorRows = rotating.length
    ? // One statement: creates missing cursors and locks all of them, in sorted order (the
      // VALUES order), which is what keeps concurrent batches from deadlocking.
      tx
        .insert(assignmentCursors)
        .values(rotating.map((r) => ({ workspaceId: r.workspaceId, poolKey: r.key })))
        .onConflictDoUpdate({
          target: [assignmentCursors.workspaceId, assignmentCursors.poolKey],
          set: { poolKey: sql`excluded.pool_key` },
        })
        .returning({
          workspaceId: assignmentCursors.workspaceId,
          key: assignmentCursors.poolKey,
          lastUserId: assignmentCursors.lastUserId,
        })
        .execute()
    : Promise.resolve([]);
  const teamRowsPending = teamRefs.length
    ? executeNamedQuery(
        tx
          .select({
            workspaceId: teamMembers.workspaceId,
            teamId: teamMembers.teamId,
            userId: memberships.userId,
            name: users.name,
            availability: memberships.availability,
            // Kept by a trigger: one row per member, not a count of their conversations.
            open: sql<number>`coalesce(${memberOpenCounts.openCount}, 0)`,
          })
          .from(teamMembers)
          .innerJoin(
            memberships,
            and(
              eq(memberships.workspaceId, teamMembers.workspaceId),
              eq(memberships.userId, teamMembers.userId),
            ),
          )
          .innerJoin(users, eq(users.id, teamMembers.userId))
          .leftJoin(
            memberOpenCounts,
            and(
              eq(memberOpenCounts.workspaceId, teamMembers.workspaceId),
              eq(memberOpenCounts.userId, teamMembers.userId),
            ),
          )
          .where(
            inWorkspacePairs(
              teamMembers.workspaceId,
              teamMembers.teamId,
              teamRefs.map((r) => ({
                workspaceId: r.workspaceId,
                id: r.key.slice('team:'.length),
              })),
            ),
          )
          // Rotation order = the order people joined the team: stable across calls.
          .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId)),
      )
    : Promise.resolve([]);
  // drizzle's builders run on then(): start both now, in this order.
  const started: StartedBatchPools = {
    refs: unique,
    cursorRows: Promise.resolve(cursorRows).then((r) => r),
    teamRows: Promise.resolve(teamRowsPending).then((r) => r as TeamRow[]),
  };
  // A caller that fails before awaiting them must not leave an unhandled rejection.
  started.cursorRows.catch(() => {});
  started.teamRows.catch(() => {});
  return started;
}

/** The second half of loadBatchPools: the pools, once the world's members are known. */
export async function finishBatchPools(
  tx: Tx,
  started: StartedBatchPools,
  members: ReadonlyMap<string, WorkspaceMember[]>,
  assignees: readonly { workspaceId: string; userId: string }[] = [],
): Promise<Map<string, Snapshot['pools']>> {
  const unique = started.refs;
  const out = new Map<string, Snapshot['pools']>();
  if (unique.length === 0) return out;
  const [lockedCursors, teamRows] = await Promise.all([started.cursorRows, started.teamRows]);
  const cursors = new Map<string, string | null>(
    lockedCursors.map((r) => [keyOf(r.workspaceId, r.key), r.lastUserId]),
  );

  type Member = Omit<Candidate, 'openCount' | 'inPool'>;
  const poolMembers = new Map<string, Member[]>();
  for (const ref of unique) {
    const all = (members.get(ref.workspaceId) ?? []).map((m) => ({
      userId: m.id,
      name: m.name,
      availability: m.availability,
    }));
    let list: Member[];
    if (ref.key === 'workspace') list = all;
    else if (ref.key.startsWith('user:'))
      list = all.filter((m) => m.userId === ref.key.slice('user:'.length));
    else {
      const teamId = ref.key.slice('team:'.length);
      list = teamRows
        .filter((r) => r.workspaceId === ref.workspaceId && r.teamId === teamId)
        .map((r) => ({ userId: r.userId, name: r.name, availability: r.availability }));
    }
    poolMembers.set(keyOf(ref.workspaceId, ref.key), list);
  }

  const openBy = new Map(teamRows.map((r) => [keyOf(r.workspaceId, r.userId), r.open]));
  // Workspace and single-user pools (rarer) count their members separately.
  const uncounted = unique.filter((r) => !r.key.startsWith('team:'));
  const userIds = [
    ...new Set(
      uncounted.flatMap((r) => poolMembers.get(keyOf(r.workspaceId, r.key))!.map((m) => m.userId)),
    ),
  ];
  const workspaceIds = [...new Set(uncounted.map((r) => r.workspaceId))];
  const counts = userIds.length
    ? await tx
        .select({
          workspaceId: memberOpenCounts.workspaceId,
          userId: memberOpenCounts.userId,
          n: memberOpenCounts.openCount,
        })
        .from(memberOpenCounts)
        .where(
          and(
            inArray(memberOpenCounts.workspaceId, workspaceIds),
            inArray(memberOpenCounts.userId, userIds),
          ),
        )
    : [];
  for (const c of counts) openBy.set(keyOf(c.workspaceId, c.userId ?? ''), c.n);

  // Capacity per agent must hold under concurrent assigners that share no cursor (two teams
  // with a member in common, a specific-user step, the queue drain): the open-count rows of
  // every candidate with a capacity are locked, sorted, and re-read under the lock — an
  // assigner that picks one of them commits before the next one reads the count.
  const capacityOf = new Map<string, number | null>();
  for (const [workspaceId, list] of members)
    for (const m of list) capacityOf.set(keyOf(workspaceId, m.id), m.capacity ?? null);
  const limited = new Map<string, { workspaceId: string; userId: string }>();
  for (const ref of unique)
    for (const m of poolMembers.get(keyOf(ref.workspaceId, ref.key))!)
      if (capacityOf.get(keyOf(ref.workspaceId, m.userId)) != null)
        limited.set(keyOf(ref.workspaceId, m.userId), {
          workspaceId: ref.workspaceId,
          userId: m.userId,
        });
  if (limited.size > 0) {
    // The assignees whose counts this batch's writes lower are locked in the same sorted
    // statement, so the final write waits on no count row it does not already hold.
    for (const a of assignees) limited.set(keyOf(a.workspaceId, a.userId), a);
    for (const c of await lockOpenCounts(tx, [...limited.values()]))
      openBy.set(keyOf(c.workspaceId, c.userId), c.openCount);
  }

  for (const ref of unique) {
    const pool: Pool = {
      key: ref.key,
      candidates: poolMembers.get(keyOf(ref.workspaceId, ref.key))!.map((m) => ({
        ...m,
        openCount: openBy.get(keyOf(ref.workspaceId, m.userId)) ?? 0,
        capacity: capacityOf.get(keyOf(ref.workspaceId, m.userId)) ?? null,
        inPool: true,
      })),
      cursorUserId: cursors.get(keyOf(ref.workspaceId, ref.key)) ?? null,
    };
    const pools = out.get(ref.workspaceId) ?? {};
    pools[ref.key] = pool;
    out.set(ref.workspaceId, pools);
  }
  return out;
}

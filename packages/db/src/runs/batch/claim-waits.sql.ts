import { sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { conversations, workflowRuns, workflowVersions, workflows } from '../../schema';
import { rowFromJson } from '../../sql/row-from-json';
import type { WorkspaceKey } from '../../sql/json-recordset';
import { lockBatchConversationsCtes } from './lock-batch-conversations';
import { worldColumns, worldFromColumns, type WorldColumns } from './load-batch-world';
import { cachedVersionIds } from './definition-cache';
import { executeNamed } from '../../sql/named-statement';

type ClaimRow = WorldColumns & {
  conversations: Record<string, unknown>[];
  runs: Record<string, unknown>[];
  versions: Array<{ id: string; workspaceId: string; definition: unknown; workflowName: string }>;
  clock: string;
};

/**
 * Locks the runs' conversations (by id: the lock order everywhere), then the runs, and reads
 * their versions and what the engine reads besides — one statement, not five round trips,
 * while the locks are held. The clock is read last, once every lock is taken.
 */
export async function lockRunsWithWorld(tx: Tx, keys: readonly WorkspaceKey[]) {
  const res = await executeNamed<ClaimRow>(tx, sql`
    with ${lockBatchConversationsCtes(workflowRuns, keys)},
    runs as materialized (
      select r.* from ${workflowRuns} r
       where (select count(*) from locked) >= 0
         and (r.workspace_id, r.id) in (select w, k from wanted)
       order by r.id
       for update of r)
    select
      (select coalesce(json_agg(to_jsonb(l) order by l.id), '[]') from locked l) as conversations,
      (select coalesce(json_agg(to_jsonb(r) order by r.id), '[]') from runs r) as runs,
      (select coalesce(json_agg(json_build_object('id', v.id, 'workspaceId', v.workspace_id, 'definition', case when v.id = any(${cachedVersionIds()}::uuid[]) then null else v.definition end, 'workflowName', w.name)), '[]')
         from ${workflowVersions} v join ${workflows} w on w.id = v.workflow_id
        where (v.workspace_id, v.id) in (select r.workspace_id, r.workflow_version_id from runs r where r.status = 'waiting')) as versions,
      ${worldColumns(sql`select workspace_id from runs`, sql`select l.workspace_id, l.contact_id from locked l`)},
      (extract(epoch from clock_timestamp()) * 1000)::bigint as clock`);
  const row = res.rows[0]!;
  const runs = row.runs.map((r) => rowFromJson(workflowRuns, r));
  const now = Number(row.clock);
  return {
    locked: row.conversations.map((c) => rowFromJson(conversations, c)),
    runs,
    now,
    versions: row.versions,
    world: worldFromColumns(
      now,
      runs.map((r) => r.workspaceId),
      row,
    ),
  };
}


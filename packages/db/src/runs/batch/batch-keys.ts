import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/**
 * A batch spans workspaces, so every lookup is by (workspace id, row id) pair — never by row
 * id alone — which keeps the tenancy rule of the data layer: no row of another workspace can
 * be read or written through a key that names the wrong workspace.
 */
export type WorkspaceKey = { workspaceId: string; id: string };

export const keyOf = (workspaceId: string, id: string) => `${workspaceId}|${id}`;

/** `(workspace_col, id_col) in (<pairs>)`, the pairs passed as one jsonb parameter. */
export function inWorkspacePairs(workspaceCol: AnyColumn, idCol: AnyColumn, pairs: readonly WorkspaceKey[]): SQL {
  const json = JSON.stringify(pairs.map((p) => ({ w: p.workspaceId, k: p.id })));
  return sql`(${workspaceCol}, ${idCol}) in (select k.w, k.k from jsonb_to_recordset(${json}::jsonb) as k(w uuid, k uuid))`;
}

export function uniqueKeys(pairs: readonly WorkspaceKey[]): WorkspaceKey[] {
  const seen = new Map<string, WorkspaceKey>();
  for (const p of pairs) seen.set(keyOf(p.workspaceId, p.id), p);
  return [...seen.values()];
}

import type { Database, Executor, Tx } from '../client';
import { toWorkspaceId, type WorkspaceId } from './workspace-id';

/** The only handle through which tenant tables are read or written. */
export type Tenant = { readonly db: Executor; readonly workspaceId: WorkspaceId };
export type TenantTx = { readonly db: Tx; readonly workspaceId: WorkspaceId };

export function tenant(db: Executor, workspaceId: string): Tenant {
  return { db, workspaceId: toWorkspaceId(workspaceId) };
}

export function inTransaction<T>(t: Tenant, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return (t.db as Database).transaction((db) => fn({ db, workspaceId: t.workspaceId }));
}

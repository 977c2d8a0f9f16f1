declare const workspaceIdBrand: unique symbol;

/**
 * A workspace id that has been checked. Every tenant data function takes one (inside a
 * `Tenant`), so a query without a workspace is a type error, and a forged or empty id
 * is a runtime error before any SQL runs.
 */
export type WorkspaceId = string & { readonly [workspaceIdBrand]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class MissingWorkspaceError extends Error {
  constructor(value: unknown) {
    super(`A workspace id is required for tenant data (got ${JSON.stringify(value)})`);
    this.name = 'MissingWorkspaceError';
  }
}

export function toWorkspaceId(value: unknown): WorkspaceId {
  if (typeof value !== 'string' || !UUID.test(value)) throw new MissingWorkspaceError(value);
  return value as WorkspaceId;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

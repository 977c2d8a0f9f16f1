export { createDatabase, type Database, type DatabaseHandle, type Executor, type Tx } from './client';
export { tenant, inTransaction, type Tenant, type TenantTx } from './tenancy/tenant';
export { toWorkspaceId, isUuid, MissingWorkspaceError, type WorkspaceId } from './tenancy/workspace-id';
export { DomainError, type DomainErrorCode } from './tenancy/errors';
export * from './system';
export * from './conversations';
export * from './workflows';
export * from './runs';
export * from './identity';

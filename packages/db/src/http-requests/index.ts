export { performHttpRequest, secretNamesIn } from './perform-http-request';
export { loadPendingHttpRequest } from './load-pending-http-request';
export { listWorkspaceSecrets, setWorkspaceSecret, deleteWorkspaceSecret, loadWorkspaceSecrets, workspaceSecretInputSchema, secretNameSchema } from './workspace-secrets';
export { httpDestinationProblems } from './http-destination-problems';
export { namedHttpHosts, resolveHosts, resolvedDestinationProblems, PUBLISH_DNS_TIMEOUT_MS, type HostVerdict } from './resolved-destination-problems';

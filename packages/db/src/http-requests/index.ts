export { performHttpRequest, secretNamesIn } from './perform-http-request';
export { loadPendingHttpRequest } from './load-pending-http-request';
export { listWorkspaceSecrets, setWorkspaceSecret, deleteWorkspaceSecret, loadWorkspaceSecrets, workspaceSecretInputSchema, secretNameSchema } from './workspace-secrets';
export { httpDestinationProblems } from './http-destination-problems';

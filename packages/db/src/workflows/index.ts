export { loadCatalog } from './load-catalog';
export {
  createWorkflowSchema,
  updateWorkflowSchema,
  draftDefinitionSchema,
  MAX_DEFINITION_BYTES,
  emptyDefinition,
} from './workflow-input';
export { createWorkflow } from './create-workflow';
export { updateWorkflow } from './update-workflow';
export { publishWorkflow } from './publish-workflow';
export { unpublishWorkflow, countRunsInFlight } from './unpublish-workflow';
export { getWorkflow, getWorkflowVersion } from './get-workflow';
export { listWorkflows } from './list-workflows';
export { deleteWorkflow } from './delete-workflow';
export { duplicateWorkflow } from './duplicate-workflow';
export { findWorkflow, type WorkflowRow } from './find-workflow';
export { listManualWorkflows } from './list-manual-workflows';

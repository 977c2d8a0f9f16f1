export { testDatabase } from './test-database';
export { createTestWorkspace, type TestWorkspace } from './create-test-workspace';

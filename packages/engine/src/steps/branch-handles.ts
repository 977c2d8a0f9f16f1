// Output handles of a branch step, apart from branch-step.ts so the condition evaluator it
// runs can name them without importing the step back.
export const BRANCH_ELSE = 'else';
export const branchHandle = (branchId: string): string => `branch:${branchId}`;

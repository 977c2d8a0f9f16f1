// The closed set of variables a comment may use; validation rejects anything else so a
// typo is caught in the editor instead of being posted literally to agents.
export const commentVariables = [
  'contact.name',
  'assignee.name',
  'previous_assignee.name',
  'workflow.name',
  'team.name',
] as const;
export type CommentVariable = (typeof commentVariables)[number];

const VARIABLE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function extractVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE_PATTERN)].map((m) => m[1] ?? '');
}

export function isCommentVariable(name: string): name is CommentVariable {
  return (commentVariables as readonly string[]).includes(name);
}

export function unknownVariables(text: string): string[] {
  return [...new Set(extractVariables(text).filter((v) => !isCommentVariable(v)))];
}

export function replaceVariables(text: string, resolve: (name: string) => string | null): string {
  return text.replace(VARIABLE_PATTERN, (whole, name: string) => resolve(name) ?? whole);
}

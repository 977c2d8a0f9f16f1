import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { MAX_DEFINITION_BYTES, emptyDefinition, updateWorkflowSchema } from './workflow-input';

describe('draft definition size (security review #9)', () => {
  it('accepts an ordinary draft and refuses one over 256 KB, naming the field and the limit', () => {
    expect(updateWorkflowSchema.safeParse({ definition: emptyDefinition() }).success).toBe(true);
    const padded = { ...emptyDefinition(), notes: 'x'.repeat(MAX_DEFINITION_BYTES) };
    const result = updateWorkflowSchema.safeParse({ definition: padded });
    expect(result.success).toBe(false);
    const issue = (result.error as ZodError).issues[0]!;
    expect(issue.path).toEqual(['definition']);
    expect(issue.message).toMatch(/at most 256 KB; this one is 25[7-9] KB/);
  });

  it('counts bytes, not characters', () => {
    const multibyte = { ...emptyDefinition(), notes: 'é'.repeat(MAX_DEFINITION_BYTES / 2 + 10) };
    expect(updateWorkflowSchema.safeParse({ definition: multibyte }).success).toBe(false);
  });
});

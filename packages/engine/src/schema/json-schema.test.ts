import { describe, expect, it } from 'vitest';
import { definitionJsonSchema } from './workflow-definition';

describe('definitionJsonSchema', () => {
  it('produces a JSON schema describing the definition', () => {
    const schema = definitionJsonSchema();
    expect(schema.type).toBe('object');
    expect(JSON.stringify(schema)).toContain('round_robin');
    expect(JSON.stringify(schema)).toContain('conversation_status');
  });
});

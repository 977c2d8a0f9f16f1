import { describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { loadDocumentFromSource } from './render-client-types';

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 with Redocly (the structural "spec" rules, every $ref resolved)', async () => {
    const document = await loadDocumentFromSource();
    const config = await createConfig({ rules: { struct: 'error', 'no-unresolved-refs': 'error', 'operation-operationId-unique': 'error', 'path-parameters-defined': 'error' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  }, 60_000);
});

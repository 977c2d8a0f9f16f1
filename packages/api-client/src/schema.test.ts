import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, loadDocumentFromSource, renderClientTypes } from './render-client-types';

describe('generated client types', () => {
  it('src/schema.ts is what openapi-typescript makes of the current document (run `pnpm --filter @baton/api-client generate`)', async () => {
    const fresh = await renderClientTypes(await loadDocumentFromSource());
    expect(readFileSync(SCHEMA_FILE, 'utf8') === fresh, 'src/schema.ts is stale: run `pnpm --filter @baton/api-client generate` and commit it').toBe(true);
  }, 60_000);
});

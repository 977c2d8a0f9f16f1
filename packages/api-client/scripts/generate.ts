// pnpm --filter @baton/api-client generate: rewrites src/schema.ts from the API's endpoint declarations.
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE, loadDocumentFromSource, renderClientTypes } from '../src/render-client-types';

writeFileSync(SCHEMA_FILE, await renderClientTypes(await loadDocumentFromSource()));
console.log(`wrote ${SCHEMA_FILE}`);

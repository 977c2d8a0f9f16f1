import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

// The API reference is rendered by Swagger UI from the swagger-ui-dist package, served from
// node_modules by our own route: no CDN, works offline. Only these files are served.
export const REFERENCE_ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;
export type ReferenceAsset = keyof typeof REFERENCE_ASSETS;

export const isReferenceAsset = (name: string): name is ReferenceAsset => Object.hasOwn(REFERENCE_ASSETS, name);

function packageDir(): string {
  // `next start`/server.ts run in apps/web; tests and scripts may run from the repository root.
  const candidates = [process.cwd(), path.join(process.cwd(), 'apps', 'web')].map((dir) => path.join(dir, 'node_modules', 'swagger-ui-dist'));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'package.json')));
  if (!found) throw new Error('swagger-ui-dist is not installed (pnpm install)');
  return found;
}

const cache = new Map<ReferenceAsset, Promise<Buffer>>();

export function readReferenceAsset(name: ReferenceAsset): Promise<Buffer> {
  let file = cache.get(name);
  if (!file) {
    file = readFile(path.join(packageDir(), name));
    file.catch(() => cache.delete(name));
    cache.set(name, file);
  }
  return file;
}

/** The page: Swagger UI pointed at our OpenAPI document, no "try it" calls to other hosts. */
export function referencePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Baton API reference</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <main id="api-reference" aria-label="Baton API reference"></main>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '/api/v1/openapi.json',
      dom_id: '#api-reference',
      deepLinking: true,
      // the default posts the document to an online validator: never leave this host
      validatorUrl: null,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      persistAuthorization: false,
    });
  </script>
</body>
</html>
`;
}

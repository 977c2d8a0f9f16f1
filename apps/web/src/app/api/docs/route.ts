import { referencePage } from '@/server/api-docs/reference-assets';

// Public, like /api/v1/openapi.json: the reference holds no workspace data.
export function GET() {
  return new Response(referencePage(), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
}

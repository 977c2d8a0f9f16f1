import { REFERENCE_ASSETS, isReferenceAsset, readReferenceAsset } from '@/server/api-docs/reference-assets';

export async function GET(_req: Request, ctx: { params: Promise<{ asset: string }> }) {
  const { asset } = await ctx.params;
  if (!isReferenceAsset(asset)) return new Response('Not found', { status: 404 });
  const body = await readReferenceAsset(asset);
  return new Response(new Uint8Array(body), { headers: { 'content-type': REFERENCE_ASSETS[asset], 'cache-control': 'public, max-age=3600' } });
}

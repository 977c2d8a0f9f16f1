import { NextResponse } from 'next/server';
import { openApiDocument } from '@/server/api/openapi';

// Public: the description of the API is not a secret.
export function GET(req: Request) {
  return NextResponse.json(openApiDocument(new URL(req.url).origin));
}

import { DomainError } from '@baton/db';

/** The request body as JSON; anything else is a 400 naming the body. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
}

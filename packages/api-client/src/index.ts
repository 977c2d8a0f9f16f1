import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths, components, operations } from './schema';

export type BatonClient = Client<paths>;

/**
 * A typed client for Baton's public API (openapi-fetch over the generated types): every path,
 * parameter, body and response is checked by TypeScript against /api/v1/openapi.json.
 *
 *   const baton = createBatonClient({ baseUrl: 'http://localhost:3000', apiKey });
 *   const { data, error } = await baton.GET('/conversations', { params: { query: { status: 'open' } } });
 */
export function createBatonClient(options: { baseUrl: string; apiKey: string } & Omit<ClientOptions, 'baseUrl'>): BatonClient {
  const { baseUrl, apiKey, headers, ...rest } = options;
  return createClient<paths>({
    baseUrl: `${baseUrl.replace(/\/+$/, '')}/api/v1`,
    headers: { authorization: `Bearer ${apiKey}`, ...(headers as Record<string, string> | undefined) },
    ...rest,
  });
}

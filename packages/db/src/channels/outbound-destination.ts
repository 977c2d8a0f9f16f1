import { isIP } from 'node:net';
import { isPublicAddress } from './outbound-address';
import { BlockedDestinationError, resolvePublic, systemResolver, type Resolver } from './outbound-lookup';

/**
 * Outbound webhooks are URLs a workspace admin typed, and anyone can sign up and become an
 * admin: without a check, a tenant could make Baton's web or worker process POST to internal
 * services (SSRF). Only public unicast addresses are allowed unless
 * BATON_ALLOW_PRIVATE_OUTBOUND=1 (local development and tests, whose receivers listen on
 * 127.0.0.1). This is the early check that gives the admin a clear answer; the connection
 * itself is checked again at connect time (guardedLookup), which is what closes DNS rebinding.
 */
export function allowsPrivateOutbound(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BATON_ALLOW_PRIVATE_OUTBOUND === '1';
}

export type DestinationCheck = { ok: true; url: URL } | { ok: false; error: string };

export async function checkOutboundDestination(
  rawUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  resolver: Resolver = systemResolver,
): Promise<DestinationCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, error: 'The outbound URL is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'The outbound URL must use http or https' };
  if (allowsPrivateOutbound(env)) return { ok: true, url };
  // The host as the URL parser normalised it: decimal, hex and short IPv4 forms are already
  // dotted quads here, and IPv6 literals are compressed (::ffff:127.0.0.1 → ::ffff:7f00:1).
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPublicAddress(host) ? { ok: true, url } : { ok: false, error: new BlockedDestinationError(host).message };
  try {
    await resolvePublic(host, resolver);
    return { ok: true, url };
  } catch (error) {
    if (error instanceof BlockedDestinationError) return { ok: false, error: error.message };
    return { ok: false, error: `The outbound host ${host} does not resolve` };
  }
}

import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './outbound-address';

export type ResolvedAddress = { address: string; family: number };
/** Name → addresses. The system resolver in production; tests pass their own to simulate rebinding. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export const BLOCKED_DESTINATION = 'ERR_BATON_BLOCKED_DESTINATION';

export class BlockedDestinationError extends Error {
  readonly code = BLOCKED_DESTINATION;
  constructor(readonly host: string) {
    super(`Refused: ${host} is a private, loopback or reserved address (set BATON_ALLOW_PRIVATE_OUTBOUND=1 to allow)`);
  }
}

/** Resolves a name and refuses it if any of its addresses is not public (a mixed answer is a rebinding setup). */
export async function resolvePublic(hostname: string, resolver: Resolver): Promise<ResolvedAddress[]> {
  const addresses = await resolver(hostname);
  if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) throw new BlockedDestinationError(hostname);
  return addresses;
}

/**
 * The `lookup` the outbound socket connects with: it resolves, checks every address and hands
 * exactly those addresses to the socket, so the address dialled is the address checked. A
 * name that answered "public" to an earlier check and "127.0.0.1" now (DNS rebinding) is
 * refused here, at connect time.
 */
export function guardedLookup(resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublic(hostname, resolver).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`No IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        } else if (options.all) {
          (callback as unknown as (err: null, addresses: ResolvedAddress[]) => void)(null, wanted);
        } else {
          callback(null, wanted[0]!.address, wanted[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

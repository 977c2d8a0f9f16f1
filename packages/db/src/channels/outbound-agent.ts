import { Agent, buildConnector } from 'undici';
import { isPublicAddress } from './outbound-address';
import { BlockedDestinationError, guardedLookup, systemResolver, type Resolver } from './outbound-lookup';

/**
 * An undici dispatcher whose sockets can only reach public addresses: names resolve through
 * guardedLookup (checked and pinned), and once connected the socket's remote address is
 * checked again, which also covers IP literals (net.connect skips `lookup` for those).
 */
export function createOutboundAgent(resolver: Resolver = systemResolver): Agent {
  const connect = buildConnector({ lookup: guardedLookup(resolver) });
  return new Agent({
    connect: (options, callback) =>
      connect(options, (error, socket) => {
        if (error) return callback(error, null);
        const remote = socket!.remoteAddress;
        if (!remote || !isPublicAddress(remote)) {
          socket!.destroy();
          return callback(new BlockedDestinationError(options.hostname), null);
        }
        callback(null, socket!);
      }),
  });
}

let shared: { guarded?: Agent; open?: Agent } = {};

/** One pooled agent per process (keep-alive across deliveries); BATON_ALLOW_PRIVATE_OUTBOUND=1 gets an unchecked one. */
export function outboundAgent(allowPrivate: boolean): Agent {
  if (allowPrivate) return (shared.open ??= new Agent());
  return (shared.guarded ??= createOutboundAgent());
}

/** For tests and shutdown. */
export async function closeOutboundAgents(): Promise<void> {
  const agents = shared;
  shared = {};
  await Promise.all([agents.guarded?.close(), agents.open?.close()]);
}

import { isIP } from 'node:net';
import type { Problem } from '@baton/engine';
import { allowsPrivateOutbound } from '../channels/outbound-destination';
import { BlockedDestinationError, resolvePublic, systemResolver, type Resolver } from '../channels/outbound-lookup';

/** How long publishing waits for one name; past it the name is left to the call-time guard. */
export const PUBLISH_DNS_TIMEOUT_MS = 3_000;

/** Host names written out in HTTP request steps' URLs (no variable, not an address literal, not localhost: httpDestinationProblems covers those). */
export function namedHttpHosts(definition: unknown): Array<{ stepId: string; host: string }> {
  const steps = (definition as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return [];
  const out: Array<{ stepId: string; host: string }> = [];
  for (const step of steps as Array<{ id?: unknown; type?: unknown; config?: { url?: unknown } }>) {
    if (step.type !== 'http_request' || typeof step.config?.url !== 'string' || typeof step.id !== 'string') continue;
    const match = /^https?:\/\/([^/?#]*)/i.exec(step.config.url.trim());
    if (!match || match[1]!.includes('{{')) continue;
    let host: string;
    try {
      host = new URL(step.config.url.trim()).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      continue;
    }
    if (!host || isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost')) continue;
    out.push({ stepId: step.id, host });
  }
  return out;
}

export type HostVerdict = 'blocked' | 'public' | 'unknown';

/**
 * Resolves each name once with the outbound guard's own check (resolvePublic: every address
 * must be public, so a name answering one private address among public ones is refused too).
 * A name that does not resolve, or not within the timeout, is 'unknown': publishing is not the
 * place to fail on a DNS hiccup, and the call-time guard checks the address it dials anyway.
 */
export async function resolveHosts(hosts: Iterable<string>, resolver: Resolver = systemResolver, timeoutMs = PUBLISH_DNS_TIMEOUT_MS): Promise<Map<string, HostVerdict>> {
  const verdicts = new Map<string, HostVerdict>();
  await Promise.all(
    [...new Set(hosts)].map(async (host) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<HostVerdict>((resolve) => {
        timer = setTimeout(() => resolve('unknown'), timeoutMs);
      });
      const check = resolvePublic(host, resolver).then(
        (): HostVerdict => 'public',
        (error: unknown): HostVerdict => (error instanceof BlockedDestinationError ? 'blocked' : 'unknown'),
      );
      verdicts.set(host, await Promise.race([check, timeout]));
      clearTimeout(timer);
    }),
  );
  return verdicts;
}

/** A step whose named host resolves to a private, loopback or reserved address is a problem on its URL in production. */
export function resolvedDestinationProblems(definition: unknown, verdicts: Map<string, HostVerdict>, env: NodeJS.ProcessEnv = process.env): Problem[] {
  if (allowsPrivateOutbound(env)) return [];
  return namedHttpHosts(definition)
    .filter(({ host }) => verdicts.get(host) === 'blocked')
    .map(({ stepId, host }) => ({
      stepId,
      field: 'config.url',
      code: 'blocked_destination',
      message: `The request goes to ${host}, which resolves to a private, loopback or reserved address: Baton only calls public addresses.`,
    }));
}

import { isIP } from 'node:net';
import type { Problem } from '@baton/engine';
import { isPublicAddress } from '../channels/outbound-address';
import { allowsPrivateOutbound } from '../channels/outbound-destination';

/**
 * Publish-time half of the outbound guard for HTTP request steps: a URL whose host is written
 * out (no variable in it) as a private, loopback or reserved address, or localhost, is a
 * problem on the step in production. Names are resolved only at call time (the connect-time
 * guard), so publishing never waits on DNS inside its transaction.
 */
export function httpDestinationProblems(definition: unknown, env: NodeJS.ProcessEnv = process.env): Problem[] {
  if (allowsPrivateOutbound(env)) return [];
  const steps = (definition as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return [];
  const problems: Problem[] = [];
  for (const step of steps as Array<{ id?: unknown; type?: unknown; config?: { url?: unknown } }>) {
    if (step.type !== 'http_request' || typeof step.config?.url !== 'string' || typeof step.id !== 'string') continue;
    const match = /^https?:\/\/([^/?#]*)/i.exec(step.config.url.trim());
    if (!match || match[1]!.includes('{{')) continue;
    let host: string;
    try {
      host = new URL(step.config.url.trim()).hostname.replace(/^\[|\]$/g, '');
    } catch {
      continue;
    }
    const blocked = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && !isPublicAddress(host));
    if (blocked)
      problems.push({
        stepId: step.id,
        field: 'config.url',
        code: 'blocked_destination',
        message: `The request goes to ${host}, a private, loopback or reserved address: Baton only calls public addresses.`,
      });
  }
  return problems;
}

import type { AfterCommit } from '@baton/db';

type HandOff = (work: AfterCommit) => Promise<void>;

/**
 * A mutating data function's call, not yet made. Its result can only be had through
 * `handedOver()`, which makes the call (one transaction) and then hands what the commit left
 * (`afterCommit`: outbox events, waits, deliveries) to the queues: an adapter cannot read a
 * result without the hand-off, so forgetting it does not compile (STYLE P15), where a
 * forgotten `dispatchEvents` used to stall the work until the outbox relay or a reconciler
 * noticed. Nothing runs until `handedOver()` is awaited.
 */
export class Committing<R> {
  constructor(
    private readonly call: () => Promise<R & { afterCommit: AfterCommit }>,
    private readonly handOff: HandOff,
  ) {}

  async handedOver(): Promise<R> {
    const { afterCommit, ...result } = await this.call();
    await this.handOff(afterCommit);
    return result as unknown as R;
  }
}

/** A data function whose results are read only once handed over (see Committing). */
export function committing<A extends unknown[], R extends { afterCommit: AfterCommit }>(
  fn: (...args: A) => Promise<R>,
  handOff: HandOff,
): (...args: A) => Committing<Omit<R, 'afterCommit'>> {
  return (...args) => new Committing<Omit<R, 'afterCommit'>>(() => fn(...args), handOff);
}

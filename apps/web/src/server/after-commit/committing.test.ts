import { describe, expect, it } from 'vitest';
import { afterCommit, type AfterCommit } from '@baton/db';
import { committing } from './committing';

const ws = '00000000-0000-4000-8000-000000000001';
const receipt: AfterCommit = afterCommit(ws, { events: ['e1'], deliveries: ['m1'] });

describe('committing', () => {
  it('makes the call only when handed over, hands off what the commit left, then answers without it', async () => {
    const order: string[] = [];
    const close = committing(
      async (id: string) => {
        order.push(`call ${id}`);
        return { closed: true, afterCommit: receipt };
      },
      async (work) => {
        order.push(`hand off ${work.events.join()}`);
      },
    );
    const pending = close('c1');
    expect(order).toEqual([]);
    // @ts-expect-error the result is not readable before the hand-off
    void pending.closed;
    expect(await pending.handedOver()).toEqual({ closed: true });
    expect(order).toEqual(['call c1', 'hand off e1']);
  });

  it('a call that fails hands nothing off', async () => {
    const handed: AfterCommit[] = [];
    const fail = committing(
      async (): Promise<{ afterCommit: AfterCommit }> => {
        throw new Error('conflict');
      },
      async (work) => void handed.push(work),
    );
    await expect(fail().handedOver()).rejects.toThrow('conflict');
    expect(handed).toEqual([]);
  });
});

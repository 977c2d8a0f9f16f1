import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

type EventRef = { workspaceId: string; eventId: string };
type AdvanceResult = {
  runId: string;
  conversationId: string;
  status: string;
  wait: null;
  outboxEventIds: string[];
};

const ws = '00000000-0000-4000-8000-000000000001';
const result = (eventId: string): AdvanceResult => ({
  runId: `run-${eventId}`,
  conversationId: 'c',
  status: 'completed',
  wait: null,
  outboxEventIds: [],
});
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('GroupCommit', () => {
  it('handles a lone event at once, as a batch of one', async () => {
    const calls: string[][] = [];
    const b = new GroupCommit(async (refs: EventRef[]) => {
      calls.push(refs.map((r) => r.eventId));
      return refs.map((r) => [result(r.eventId)]);
    });
    expect(await b.submit({ workspaceId: ws, eventId: 'e1' })).toEqual([result('e1')]);
    expect(calls).toEqual([['e1']]);
  });

  it('gathers what arrives while batches are in flight, bounded by maxBatch and maxInFlight', async () => {
    const calls: string[][] = [];
    let inFlight = 0;
    let maxSeen = 0;
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        inFlight += 1;
        maxSeen = Math.max(maxSeen, inFlight);
        calls.push(refs.map((r) => r.eventId));
        await tick();
        inFlight -= 1;
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 4, maxInFlight: 2 },
    );
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);
    const all = await Promise.all(ids.map((eventId) => b.submit({ workspaceId: ws, eventId })));
    // Every job gets its own event's results, whatever batch it rode in.
    expect(all).toEqual(ids.map((id) => [result(id)]));
    expect(calls.flat().sort()).toEqual([...ids].sort());
    expect(Math.max(...calls.map((c) => c.length))).toBe(4);
    expect(calls.length).toBeLessThan(ids.length);
    expect(maxSeen).toBe(2);
  });

  it('a failing batch is retried one event at a time: only the bad event fails', async () => {
    const runner = async (refs: EventRef[]) => {
      if (refs.some((r) => r.eventId === 'bad')) throw new Error('poison');
      return refs.map((r) => [result(r.eventId)]);
    };
    const b = new GroupCommit(runner, { maxBatch: 10, maxInFlight: 1 });
    const outcomes = await Promise.allSettled(
      ['a', 'bad', 'c'].map((eventId) => b.submit({ workspaceId: ws, eventId })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('poison');
  });
});

describe('GroupCommit linger', () => {
  it('when idle, waits lingerMs so items arriving a moment apart share a batch', async () => {
    const calls: string[][] = [];
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        calls.push(refs.map((r) => r.eventId));
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 10, maxInFlight: 1, lingerMs: 20 },
    );
    const first = b.submit({ workspaceId: ws, eventId: 'a' });
    await new Promise((r) => setTimeout(r, 5));
    const second = b.submit({ workspaceId: ws, eventId: 'b' });
    await Promise.all([first, second]);
    expect(calls).toEqual([['a', 'b']]);
  });
});

describe('groupCommitOptionsFromEnv', () => {
  it('defaults to one batch in flight of up to 128, and takes bounded overrides', async () => {
    const { groupCommitOptionsFromEnv } = await import('./group-commit');
    expect(groupCommitOptionsFromEnv({})).toEqual({ maxBatch: 128, maxInFlight: 1 });
    expect(
      groupCommitOptionsFromEnv({
        BATON_GROUP_COMMIT_IN_FLIGHT: '3',
        BATON_GROUP_COMMIT_MAX_BATCH: '32',
      }),
    ).toEqual({ maxBatch: 32, maxInFlight: 3 });
    expect(
      groupCommitOptionsFromEnv({
        BATON_GROUP_COMMIT_IN_FLIGHT: '0',
        BATON_GROUP_COMMIT_MAX_BATCH: 'x',
      }),
    ).toEqual({ maxBatch: 128, maxInFlight: 1 });
  });
});

describe('GroupCommit fairBy', () => {
  it('with a backlog, takes workspaces in turn: a late quiet tenant rides the next batch, order kept within each', async () => {
    const calls: string[][] = [];
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        calls.push(refs.map((r) => r.eventId));
        await tick();
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 4, maxInFlight: 1, fairBy: (r: EventRef) => r.workspaceId },
    );
    const noisy = Array.from({ length: 12 }, (_, i) =>
      b.submit({ workspaceId: 'noisy', eventId: `n${i}` }),
    );
    await new Promise((r) => setImmediate(r)); // the first batch (n0–n3) is in flight
    const quiet = b.submit({ workspaceId: 'quiet', eventId: 'q' });
    await Promise.all([...noisy, quiet]);
    expect(calls[0]).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(calls[1]).toEqual(['n4', 'n5', 'n6', 'q']);
    expect(calls.flat().filter((id) => id !== 'q')).toEqual(
      Array.from({ length: 12 }, (_, i) => `n${i}`),
    );
  });

  it('without fairBy, the same backlog goes first-come first-served', async () => {
    const calls: string[][] = [];
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        calls.push(refs.map((r) => r.eventId));
        await tick();
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 4, maxInFlight: 1 },
    );
    const noisy = Array.from({ length: 12 }, (_, i) =>
      b.submit({ workspaceId: 'noisy', eventId: `n${i}` }),
    );
    await new Promise((r) => setImmediate(r));
    const quiet = b.submit({ workspaceId: 'quiet', eventId: 'q' });
    await Promise.all([...noisy, quiet]);
    expect(calls.findIndex((c) => c.includes('q'))).toBe(3);
  });
});

describe('GroupCommit exclusiveBy', () => {
  it('never runs two batches of one key at once; other keys run beside it; a key waits and goes in one batch', async () => {
    const calls: string[][] = [];
    const running = new Map<string, number>();
    let overlapSameKey = 0;
    let overlapOtherKey = 0;
    const release: Array<() => void> = [];
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        const keys = [...new Set(refs.map((r) => r.workspaceId))];
        for (const k of keys) {
          if (running.get(k)) overlapSameKey += 1;
          running.set(k, (running.get(k) ?? 0) + 1);
        }
        if ([...running.values()].filter((n) => n > 0).length > keys.length) overlapOtherKey += 1;
        calls.push(refs.map((r) => r.eventId));
        await new Promise<void>((r) => release.push(r));
        for (const k of keys) running.set(k, running.get(k)! - 1);
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 10, maxInFlight: 3, exclusiveBy: (r) => r.workspaceId },
    );
    const a1 = b.submit({ workspaceId: 'A', eventId: 'a1' });
    await tick(); // a1's batch is in flight, holding A
    const rest = [
      b.submit({ workspaceId: 'A', eventId: 'a2' }),
      b.submit({ workspaceId: 'A', eventId: 'a3' }),
      b.submit({ workspaceId: 'B', eventId: 'b1' }),
    ];
    await tick();
    // b1 started beside a1; a2 and a3 wait for A although a slot is free.
    expect(calls).toEqual([['a1'], ['b1']]);
    release.shift()!();
    await tick();
    expect(calls[2]).toEqual(['a2', 'a3']); // together, once a1's batch ended
    while (release.length) {
      release.shift()!();
      await tick();
    }
    await Promise.all([a1, ...rest]);
    expect(overlapSameKey).toBe(0);
    expect(overlapOtherKey).toBeGreaterThan(0);
  });

  it('with fairBy, a backlog of free keys is still taken round-robin and bounded by maxBatch', async () => {
    const calls: string[][] = [];
    const release: Array<() => void> = [];
    const b = new GroupCommit(
      async (refs: EventRef[]) => {
        calls.push(refs.map((r) => r.eventId));
        await new Promise<void>((r) => release.push(r));
        return refs.map((r) => [result(r.eventId)]);
      },
      {
        maxBatch: 3,
        maxInFlight: 2,
        exclusiveBy: (r) => r.workspaceId,
        fairBy: (r) => r.workspaceId,
      },
    );
    const first = b.submit({ workspaceId: 'A', eventId: 'a0' });
    await tick();
    const more = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'c2'].map((id) =>
      b.submit({ workspaceId: id[0]!.toUpperCase(), eventId: id }),
    );
    await tick();
    // A is busy: the second batch takes B and C in turn, three at most.
    expect(calls[1]).toEqual(['b1', 'b2', 'c1']);
    while (release.length) {
      release.shift()!();
      await tick();
    }
    await Promise.all([first, ...more]);
    expect(calls.flat().sort()).toEqual(['a0', 'a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'c2']);
  });
});

describe('GroupCommit: what a batch knows of the queue, and its trace', () => {
  it('tells the runner how many items were left waiting behind the batch when it started', async () => {
    const behind: number[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const b = new GroupCommit(
      async (refs: EventRef[], info) => {
        behind.push(info.behind);
        if (behind.length === 1) await first;
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const all = [b.submit({ workspaceId: ws, eventId: 'a' })];
    await tick();
    // Five arrive while the first batch is in its transaction: batches of 2 leave 3, then 1, then none.
    for (const id of ['b', 'c', 'd', 'e', 'f']) all.push(b.submit({ workspaceId: ws, eventId: id }));
    release();
    await Promise.all(all);
    expect(behind).toEqual([0, 3, 1, 0]);
  });

  it('re-runs a failed batch item by item with nothing behind them', async () => {
    const behind: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const b = new GroupCommit(
      async (refs: EventRef[], info) => {
        behind.push([refs.length, info.behind]);
        if (behind.length === 1) await first;
        if (refs.length > 1) throw new Error('deadlock victim');
        return refs.map((r) => [result(r.eventId)]);
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const all = [b.submit({ workspaceId: ws, eventId: 'a' })];
    await tick();
    for (const id of ['b', 'c', 'd']) all.push(b.submit({ workspaceId: ws, eventId: id }));
    release();
    await Promise.all(all);
    // a alone; then b+c fails with d behind it and each is re-run alone with none behind; then d.
    expect(behind).toEqual([[1, 0], [2, 1], [1, 0], [1, 0], [1, 0]]);
  });

  it('BATON_BATCH_TRACE_FILE: one line per batch with its name, size, waits and the queue behind it', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'batch-trace-')), 'trace.jsonl');
    process.env.BATON_BATCH_TRACE_FILE = file;
    try {
      const b = new GroupCommit(async (refs: EventRef[]) => {
        await tick();
        return refs.map((r) => [result(r.eventId)]);
      }, { maxBatch: 10, maxInFlight: 1, name: 'events' });
      const first = b.submit({ workspaceId: ws, eventId: 'a' });
      await new Promise((r) => setImmediate(r));
      await Promise.all([first, b.submit({ workspaceId: ws, eventId: 'b' }), b.submit({ workspaceId: ws, eventId: 'c' })]);
      await new Promise((r) => setTimeout(r, 700)); // flushed twice a second
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>);
      expect(lines.map((l) => [l.name, l.size, l.behind, l.beside])).toEqual([['events', 1, 0, 0], ['events', 2, 0, 0]]);
      for (const l of lines) {
        expect(Number(l.end)).toBeGreaterThanOrEqual(Number(l.start));
        expect(Number(l.start)).toBeGreaterThanOrEqual(Number(l.firstSubmit));
        expect(Number(l.lastSubmit)).toBeGreaterThanOrEqual(Number(l.firstSubmit));
      }
    } finally {
      delete process.env.BATON_BATCH_TRACE_FILE;
    }
  });
});

import { describe, expect, it } from 'vitest';
import { reassignIfNoReply, simulate, simulationSetting, utcCalendar, type SimOpening, type SimulationInput } from '@baton/engine';
import { replayWhole } from '@baton/db';
import { replayVersionsInParallel } from './replay-versions-in-parallel';
import { bundledThreadEntries } from './thread-bundle';

const T0 = Date.UTC(2026, 10, 2, 0, 0, 0);
const MIN = 60_000;

function traffic(n: number): SimulationInput {
  const agents = ['a1', 'a2', 'a3', 'a4'];
  const openings: SimOpening[] = Array.from({ length: n }, (_, i) => ({
    conversationId: `c${String(i).padStart(5, '0')}`,
    openedAt: T0 + i * 7 * MIN,
    closedAt: i % 5 === 0 ? null : T0 + (i * 7 + 30 + (i % 90)) * MIN,
    source: 'contact',
    channelId: 'ch',
    priority: 'normal',
    contact: { id: `ct${i}`, name: `Contact ${i}`, fields: {}, tags: [] },
    replies: i % 3 === 0 ? [] : [{ userId: agents[i % 4]!, at: T0 + (i * 7 + (i % 25)) * MIN, delayMs: (i % 25) * MIN }],
  }));
  return {
    workflow: { id: 'wf', name: 'Parallel' },
    period: { from: T0, to: T0 + (n * 7 + 600) * MIN },
    seed: 11,
    calendar: utcCalendar(),
    members: agents.map((id, i) => ({ id, name: id.toUpperCase(), availability: i % 2 ? 'online' : 'offline', skills: [], capacity: i === 0 ? 2 : null })),
    teams: [
      { id: 'first', name: 'First', memberIds: ['a1', 'a2', 'a3'] },
      { id: 'second', name: 'Second', memberIds: ['a3', 'a4'] },
    ],
    availability: Array.from({ length: 40 }, (_, k) => ({ at: T0 + k * 90 * MIN, userId: agents[k % 4]!, availability: k % 3 === 0 ? 'offline' : 'online' })),
    openings,
    initialOpenCounts: {},
    slaPolicies: [],
    versions: [
      { label: 'draft', versionId: 'draft', definition: reassignIfNoReply({ firstTeamId: 'second', secondTeamId: 'first', waitMinutes: 5, queueTimeout: { amount: 20, unit: 'minutes' } }) },
      { label: 'published', versionId: 'v1', definition: reassignIfNoReply({ firstTeamId: 'first', secondTeamId: 'second', waitMinutes: 10, queueTimeout: { amount: 30, unit: 'minutes' } }) },
    ],
  };
}

describe('replaying the versions in parallel', () => {
  it('gives exactly the result of replaying them one after the other', async () => {
    const input = traffic(3_000);
    const progress: number[] = [];
    // In pages of 250 openings, as a load hands them over.
    const parallel = await replayWhole(replayVersionsInParallel(512), input, async (p) => void progress.push(p), 250);
    expect(parallel).toEqual(simulate(input).result);
    expect(parallel.versions.map((v) => v.label)).toEqual(['draft', 'published']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p >= 0 && p <= 1)).toBe(true);
  }, 60_000);

  it('gives the same result from the bundled thread (no tsx, no keepNames) as from the engine itself', async () => {
    const input = traffic(3_000);
    const { versionReplay } = await bundledThreadEntries();
    expect(versionReplay.pathname).toMatch(/version-replay-thread\.mjs$/);
    const parallel = await replayWhole(replayVersionsInParallel(512, { entry: versionReplay }), input, async () => {}, 250);
    expect(parallel).toEqual(simulate(input).result);
  }, 60_000);

  it('stops when the heartbeat says so', async () => {
    let beats = 0;
    const stopped = replayWhole(replayVersionsInParallel(512), traffic(3_000), async () => {
      if (++beats === 3) throw new Error('cancelled');
    });
    await expect(stopped).rejects.toThrow('cancelled');
  }, 60_000);

  it('replays while the pages come, waiting for the next one, and stops mid-load', async () => {
    const input = traffic(3_000);
    const { openings } = input;
    const replay = replayVersionsInParallel(512)(input.versions);
    try {
      replay.setting(simulationSetting(input));
      replay.openings(openings.slice(0, 1_500));
      // Half the period in: the threads replay up to its last opening and no further.
      await waitFor(() => replay.progress() > 0.4);
      await new Promise((r) => setTimeout(r, 200));
      expect(replay.progress()).toBeLessThan(0.5);
      replay.openings(openings.slice(1_500));
      expect(await replay.finish(async () => {})).toEqual(simulate(input).result);
    } finally {
      replay.stop();
    }
    const cancelled = replayVersionsInParallel(512)(input.versions);
    cancelled.setting(simulationSetting(input));
    cancelled.openings(openings.slice(0, 1_000));
    cancelled.stop();
    await expect(cancelled.finish(async () => {})).rejects.toThrow('ended without a result');
  }, 60_000);
});

async function waitFor(ok: () => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

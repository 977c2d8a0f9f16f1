import { Worker } from 'node:worker_threads';
import { DomainError, replayInSlices, type ReplayPeriod } from '@baton/db';
import { Simulation, type SimulationInput, type VersionSimulation } from '@baton/engine';
import type { VersionThreadMessage } from './simulation-thread-protocol';

const ENTRY = new URL('./version-replay-thread.mjs', import.meta.url);

type VersionThread = { progress: number; done: Promise<VersionSimulation>; stop: () => void };

function startVersionThread(input: SimulationInput, maxHeapMb: number): VersionThread {
  const worker = new Worker(ENTRY, { workerData: input, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
  const thread: VersionThread = {
    progress: 0,
    stop: () => void worker.terminate(),
    done: new Promise((resolve, reject) => {
      let version: VersionSimulation | null = null;
      worker.on('message', (m: VersionThreadMessage) => {
        if ('progress' in m) thread.progress = m.progress;
        else version = m.version;
      });
      worker.on('error', (err: Error & { code?: string }) =>
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DomainError('invalid', 'The simulation ran out of memory: try a shorter period') : err),
      );
      worker.on('exit', () => (version ? resolve(version) : reject(new Error('A version replay thread ended without a result'))));
    }),
  };
  // Awaited below; a rejection before that must not count as unhandled.
  thread.done.catch(() => {});
  return thread;
}

/**
 * The draft and the published version replayed at the same time, the published one on a
 * thread of its own: they share nothing but the recorded period (copied to the thread), and
 * two cores halve the wall time (issue #19's target: 100k conversations in ≤ 10 s on two).
 * Both threads run at a lowered priority (lower-thread-priority.ts), so routing on the main
 * thread is served first. The heartbeat keeps its meaning: it throws to stop, and the other
 * thread is terminated then.
 */
export function replayVersionsInParallel(maxHeapMb: number): ReplayPeriod {
  return async (input, heartbeat) => {
    if (input.versions.length < 2) return replayInSlices(input, heartbeat);
    const [first, ...others] = input.versions;
    const threads = others.map((v) => startVersionThread({ ...input, versions: [v] }, maxHeapMb));
    try {
      const here = new Simulation({ ...input, versions: [first!] });
      const progress = () => (here.progress() + threads.reduce((sum, t) => sum + t.progress, 0)) / input.versions.length;
      while (!here.advance(2_000)) {
        await heartbeat(progress());
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // This version is done: wait for the others, still answering cancels.
      let settled = false;
      const all = Promise.all(threads.map((t) => t.done)).finally(() => (settled = true));
      all.catch(() => {}); // rethrown by the race below
      while (!settled) {
        await heartbeat(progress());
        await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
      const result = here.result();
      return { ...result, versions: [...result.versions, ...(await all)] };
    } finally {
      for (const t of threads) t.stop();
    }
  };
}

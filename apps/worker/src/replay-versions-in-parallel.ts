import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { DomainError, type ReplayPeriod } from '@baton/db';
import type { SimulationResult, SimVersionInput } from '@baton/engine';
import type { VersionThreadFeed, VersionThreadInput, VersionThreadMessage } from './simulation-thread-protocol';
import { wallMs, type TraceMark } from './simulation-trace';

/** Through tsx (tests, the bench's replay alone); the worker passes the bundled entry (thread-bundle.ts). */
const TSX_ENTRY = new URL('./version-replay-thread.mjs', import.meta.url);
/** How often the waiting thread looks at the replays' progress (and the heartbeat, for a cancel). */
const WATCH_EVERY_MS = 50;

type VersionThread = { progress: number; failed: Error | null; post: (m: VersionThreadFeed) => void; done: Promise<SimulationResult>; stop: () => void };

function startVersionThread(entry: URL, workerData: VersionThreadInput, maxHeapMb: number, mark: TraceMark): VersionThread {
  const worker = new Worker(entry, { workerData, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
  const thread: VersionThread = {
    progress: 0,
    failed: null,
    post: (m) => worker.postMessage(m),
    stop: () => void worker.terminate(),
    done: new Promise((resolve, reject) => {
      let result: SimulationResult | null = null;
      worker.on('message', (m: VersionThreadMessage) => {
        if ('progress' in m) thread.progress = m.progress;
        else {
          result = m.result;
          mark('version-result-received', { label: workerData.version.label });
        }
      });
      worker.on('error', (err: Error & { code?: string }) => {
        thread.failed = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DomainError('invalid', 'The simulation ran out of memory: try a shorter period') : err;
        reject(thread.failed);
      });
      worker.on('exit', () => (result ? resolve(result) : reject(new Error('A version replay thread ended without a result'))));
    }),
  };
  // Awaited in finish; a rejection before that must not count as unhandled.
  thread.done.catch(() => {});
  return thread;
}

/**
 * Every version of a simulation (the draft, the published one) replayed at the same time, each
 * on a thread of its own at a lowered priority (lower-thread-priority.ts), while the calling
 * thread reads the period from Postgres and then only waits: it keeps its own priority for what
 * talks to Postgres (the load, the heartbeat, the result). When it replayed the draft itself at
 * nice +10, a loaded machine starved it so long that its queries ran into the statement
 * timeout, and a lowered priority cannot be raised again without CAP_SYS_NICE.
 *
 * The threads start before the period loads (their start-up, seconds through tsx on a busy
 * machine, is hidden behind the load), and replay each page as it comes: the setting, then
 * each page of openings serialized once into shared memory, each thread deserializing its own
 * copy — the load and the replay overlap instead of following each other. The heartbeat keeps
 * its meaning: it throws to stop, and every thread is terminated then.
 */
export function replayVersionsInParallel(maxHeapMb: number, opts: { entry?: URL; trace?: { simulationId: string; mark: TraceMark } } = {}): ReplayPeriod {
  const { entry = TSX_ENTRY, trace } = opts;
  const mark = trace?.mark ?? (() => {});
  return (versions: SimVersionInput[]) => {
    // The versions' threads share one heap bound between them, as the two versions did on one
    // thread: the bound stays what an admin can run before "try a shorter period".
    const heapEach = Math.max(16, Math.floor(maxHeapMb / versions.length));
    const threads = versions.map((version) => startVersionThread(entry, { version, ...(trace ? { trace: { simulationId: trace.simulationId, spawnedAt: wallMs() } } : {}) }, heapEach, mark));
    const progress = () => threads.reduce((sum, t) => sum + t.progress, 0) / Math.max(1, threads.length);
    const stop = () => {
      for (const t of threads) t.stop();
    };
    return {
      setting: ({ versions: _all, ...setting }) => {
        for (const t of threads) t.post({ setting });
      },
      openings: (page) => {
        // A thread that failed (out of memory) ends the load too, with its error.
        const failed = threads.find((t) => t.failed)?.failed;
        if (failed) throw failed;
        const bytes = serialize(page);
        const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
        shared.set(bytes);
        for (const t of threads) t.post({ page: shared });
      },
      progress,
      finish: async (heartbeat) => {
        try {
          for (const t of threads) t.post({ end: true });
          let settled = false;
          const all = Promise.all(threads.map((t) => t.done)).finally(() => (settled = true));
          all.catch(() => {}); // rethrown below
          while (!settled) {
            await heartbeat(progress());
            await Promise.race([all, new Promise((resolve) => setTimeout(resolve, WATCH_EVERY_MS))]);
          }
          const results = await all;
          // Each thread summarised the same period with one version: the same header, one version each.
          return { ...results[0]!, versions: results.map((r) => r.versions[0]!) };
        } finally {
          stop();
        }
      },
      stop,
    };
  };
}

import { Worker } from 'node:worker_threads';
import { claimSimulation, describeDbError, finishSimulation, requeueSimulation, tenant, type ClaimedSimulation, type Database, type PoolTimeouts } from '@baton/db';
import { STOP_SIMULATION, type SimulationThreadInput, type SimulationThreadMessage } from './simulation-thread-protocol';
import { SimulationTrace, wallMs } from './simulation-trace';
import { bundledThreadEntries, type ThreadEntries } from './thread-bundle';

export type SimulationRunnerSettings = {
  pollMs: number;
  progressEveryMs?: number;
  /** The simulation thread's heap bound: a period too big for it fails alone instead of taking the worker down. */
  maxHeapMb: number;
  /** Threads from bundles built at start (thread-bundle.ts; SIMULATION_BUNDLE_THREADS=0: through tsx). */
  bundleThreads?: boolean;
};
export type SimulationThreadSettings = { databaseUrl: string; poolTimeouts: PoolTimeouts };

export function readSimulationSettings(env: NodeJS.ProcessEnv = process.env): SimulationRunnerSettings {
  const positive = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { pollMs: positive('SIMULATION_POLL_MS', 1000), maxHeapMb: positive('SIMULATION_MAX_HEAP_MB', 2048), bundleThreads: env.SIMULATION_BUNDLE_THREADS !== '0' };
}

/** After a stop message, how long the thread gets to put its simulation back in the queue. */
const STOP_GRACE_MS = 5_000;
// A JavaScript entry that loads the TypeScript thread through tsx (see the file), when the
// bundles are off or could not be built; no flags of the process are passed on (some, like
// V8's, are refused by a thread).
const TSX_ENTRIES: ThreadEntries = { simulation: new URL('./simulation-thread.mjs', import.meta.url), versionReplay: new URL('./version-replay-thread.mjs', import.meta.url) };

type Outcome = SimulationThreadMessage['status'] | 'crashed';

/** Runs one claimed simulation on its own thread; resolves when the thread has exited. */
function runOnThread(entries: ThreadEntries, claimed: ClaimedSimulation, settings: SimulationRunnerSettings, thread: SimulationThreadSettings, stop: AbortSignal, log: (msg: string) => void): Promise<Outcome> {
  const workerData: SimulationThreadInput = {
    databaseUrl: thread.databaseUrl,
    poolTimeouts: thread.poolTimeouts,
    claimed,
    progressEveryMs: settings.progressEveryMs,
    maxHeapMb: settings.maxHeapMb,
    spawnedAt: wallMs(),
    versionReplayEntry: entries.versionReplay.href,
  };
  return new Promise((resolve) => {
    const worker = new Worker(entries.simulation, { workerData, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: settings.maxHeapMb } });
    let outcome: Outcome = 'crashed';
    let killTimer: NodeJS.Timeout | null = null;
    const onStop = () => {
      worker.postMessage(STOP_SIMULATION);
      killTimer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    };
    worker.on('message', (m: SimulationThreadMessage) => (outcome = m.status));
    worker.on('error', (err) => log(`[worker] simulation ${claimed.id} thread failed: ${err.message}`));
    worker.on('exit', () => {
      stop.removeEventListener('abort', onStop);
      if (killTimer) clearTimeout(killTimer);
      resolve(outcome);
    });
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
  });
}

/**
 * Simulations (issue #19): a poll of the `simulations` table rather than a queue job — the
 * row is the job, its progress and its cancel flag, so a lost enqueue or a worker killed
 * mid-run loses nothing (a running row gone quiet is claimed again). One at a time per
 * worker, each on a thread of its own (simulation-thread.ts): a replay of 100k conversations
 * is seconds of CPU, which on the main thread held up the routing jobs queued behind each of
 * its slices, and a period too large for memory ends that thread, not the worker.
 */
export function startSimulationRunner(db: Database, settings: SimulationRunnerSettings, thread: SimulationThreadSettings, log: (msg: string) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const abort = new AbortController();
  // Built now, while nothing is claimed; a build that fails leaves the tsx entries.
  const entries: Promise<ThreadEntries> = settings.bundleThreads
    ? bundledThreadEntries().catch((err: Error) => {
        log(`[worker] simulation threads run through tsx: bundling them failed: ${err.message.split('\n')[0]}`);
        return TSX_ENTRIES;
      })
    : Promise.resolve(TSX_ENTRIES);

  const loop = async () => {
    if (stopped) return;
    try {
      // Before a claim: a simulation's time starts at its claim.
      const threadEntries = await entries;
      for (let claimed = await claimSimulation(db); claimed && !stopped; claimed = await claimSimulation(db)) {
        const started = Date.now();
        const trace = new SimulationTrace('runner', claimed.id);
        trace.mark('claimed');
        const outcome = await runOnThread(threadEntries, claimed, settings, thread, abort.signal, log);
        trace.mark('thread-exited', { outcome });
        trace.flush();
        const t = tenant(db, claimed.workspaceId);
        // A thread that ended without a word (out of memory, killed after a stop) left its row running.
        if (outcome === 'crashed' && stopped) await requeueSimulation(t, claimed.id);
        else if (outcome === 'crashed')
          await finishSimulation(t, claimed.id, { status: 'failed', error: 'The simulation ran out of memory or stopped unexpectedly: try a shorter period' });
        log(`[worker] simulation ${claimed.id} ${outcome} in ${Date.now() - started} ms`);
      }
    } catch (err) {
      log(`[worker] simulation pass failed: ${describeDbError(err).split('\n')[0]}`);
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), settings.pollMs);
  };
  running = loop();

  return {
    stop: async () => {
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

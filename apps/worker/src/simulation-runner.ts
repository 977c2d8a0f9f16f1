import { claimSimulation, describeDbError, runSimulation, type Database } from '@baton/db';

export type SimulationRunnerSettings = { pollMs: number; progressEveryMs?: number };

export function readSimulationSettings(env: NodeJS.ProcessEnv = process.env): SimulationRunnerSettings {
  const n = Number(env.SIMULATION_POLL_MS);
  return { pollMs: env.SIMULATION_POLL_MS !== undefined && Number.isFinite(n) && n > 0 ? n : 1000 };
}

/**
 * Simulations (issue #19): a poll of the `simulations` table rather than a queue job — the
 * row is the job, its progress and its cancel flag, so a lost enqueue or a worker killed
 * mid-run loses nothing (a running row gone quiet is claimed again). One at a time per
 * worker: a replay is CPU work, run in slices that yield so routing keeps its turn.
 */
export function startSimulationRunner(db: Database, settings: SimulationRunnerSettings, log: (msg: string) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const abort = new AbortController();

  const loop = async () => {
    if (stopped) return;
    try {
      for (let claimed = await claimSimulation(db); claimed && !stopped; claimed = await claimSimulation(db)) {
        const started = Date.now();
        const status = await runSimulation(db, claimed, { progressEveryMs: settings.progressEveryMs, signal: abort.signal });
        log(`[worker] simulation ${claimed.id} ${status} in ${Date.now() - started} ms`);
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

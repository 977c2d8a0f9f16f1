// One claimed simulation, run on its own thread (simulation-runner.ts starts it), each version
// replayed on a thread of its own at a lowered priority (replay-versions-in-parallel.ts): the load of
// the recorded period, the replay and the result are CPU work of seconds that on the worker's
// main thread delayed every routing job queued behind it. The thread has its own small
// database pool; its heartbeat (progress, cancel) is the same as before, and a stop message
// from the main thread (the worker shutting down) puts the simulation back in the queue. This
// thread keeps the process's priority: its work is mostly waiting on Postgres, and a starved
// reader keeps its statements open (a page of openings not read runs into statement_timeout).
import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase, runSimulation } from '@baton/db';
import { replayVersionsInParallel } from './replay-versions-in-parallel';
import { STOP_SIMULATION, type SimulationThreadInput, type SimulationThreadMessage } from './simulation-thread-protocol';
import { SimulationTrace } from './simulation-trace';

const input = workerData as SimulationThreadInput;
const trace = new SimulationTrace('simulation', input.claimed.id);
trace.mark('module-ready', { spawnedAt: input.spawnedAt });
const abort = new AbortController();
parentPort!.on('message', (m) => {
  if (m === STOP_SIMULATION) abort.abort();
});
const database = createDatabase(input.databaseUrl, { max: 3, applicationName: 'baton-worker-simulation', ...input.poolTimeouts });
try {
  const replay = replayVersionsInParallel(input.maxHeapMb, {
    entry: input.versionReplayEntry ? new URL(input.versionReplayEntry) : undefined,
    trace: trace.enabled ? { simulationId: input.claimed.id, mark: trace.mark } : undefined,
  });
  const status = await runSimulation(database.db, input.claimed, { progressEveryMs: input.progressEveryMs, signal: abort.signal, replay, trace: trace.mark });
  trace.flush();
  parentPort!.postMessage({ status } satisfies SimulationThreadMessage);
} finally {
  await database.close();
}

// One claimed simulation, run on its own thread (simulation-runner.ts starts it), at a lowered
// priority, with the published version replayed on a second thread beside it: the load of
// the recorded period, the replay and the result are CPU work of seconds that on the worker's
// main thread delayed every routing job queued behind it. The thread has its own small
// database pool; its heartbeat (progress, cancel) is the same as before, and a stop message
// from the main thread (the worker shutting down) puts the simulation back in the queue.
import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase, runSimulation } from '@baton/db';
import { lowerThreadPriority } from './lower-thread-priority';
import { replayVersionsInParallel } from './replay-versions-in-parallel';
import { STOP_SIMULATION, type SimulationThreadInput, type SimulationThreadMessage } from './simulation-thread-protocol';

lowerThreadPriority();
const input = workerData as SimulationThreadInput;
const abort = new AbortController();
parentPort!.on('message', (m) => {
  if (m === STOP_SIMULATION) abort.abort();
});
const database = createDatabase(input.databaseUrl, { max: 3, applicationName: 'baton-worker-simulation', ...input.poolTimeouts });
try {
  const status = await runSimulation(database.db, input.claimed, { progressEveryMs: input.progressEveryMs, signal: abort.signal, replay: replayVersionsInParallel(input.maxHeapMb) });
  parentPort!.postMessage({ status } satisfies SimulationThreadMessage);
} finally {
  await database.close();
}

// One version of a simulation, replayed on a thread of its own (replay-versions-in-parallel.ts):
// progress now and then, the summary at the end. The only thread whose priority is lowered:
// it does CPU work alone and holds no database connection, so being served last delays nothing
// but itself.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Simulation, type SimulationInput } from '@baton/engine';
import { lowerThreadPriority } from './lower-thread-priority';
import type { VersionThreadInput, VersionThreadMessage } from './simulation-thread-protocol';

lowerThreadPriority();
const { period, version } = workerData as VersionThreadInput;
const sim = new Simulation({ ...(deserialize(period) as Omit<SimulationInput, 'versions'>), versions: [version] });
let reported = Date.now();
// No yield between slices: nothing else runs on this thread, and terminate() stops it mid-slice.
while (!sim.advance(2_000)) {
  if (Date.now() - reported < 100) continue;
  reported = Date.now();
  parentPort!.postMessage({ progress: sim.progress() } satisfies VersionThreadMessage);
}
parentPort!.postMessage({ result: sim.result() } satisfies VersionThreadMessage);

// One version of a simulation, replayed on a thread of its own beside the simulation thread
// (replay-versions-in-parallel.ts): progress now and then, the version's summary at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { Simulation, type SimulationInput } from '@baton/engine';
import { lowerThreadPriority } from './lower-thread-priority';
import type { VersionThreadMessage } from './simulation-thread-protocol';

lowerThreadPriority();
const sim = new Simulation(workerData as SimulationInput);
let reported = Date.now();
// No yield between slices: nothing else runs on this thread, and terminate() stops it mid-slice.
while (!sim.advance(2_000)) {
  if (Date.now() - reported < 100) continue;
  reported = Date.now();
  parentPort!.postMessage({ progress: sim.progress() } satisfies VersionThreadMessage);
}
parentPort!.postMessage({ version: sim.result().versions[0]! } satisfies VersionThreadMessage);

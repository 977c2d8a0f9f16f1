// One version of a simulation, replayed on a thread of its own (replay-versions-in-parallel.ts)
// while the simulation thread is still reading the period: it replays each page as far as
// the pages so far allow, waits for the next, and sends progress now and then and the summary
// at the end. The only thread whose priority is lowered: it does CPU work alone and holds no
// database connection, so being served last delays nothing but itself.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Simulation, type SimOpening } from '@baton/engine';
import { lowerThreadPriority } from './lower-thread-priority';
import type { VersionThreadFeed, VersionThreadInput, VersionThreadMessage } from './simulation-thread-protocol';

lowerThreadPriority();
const { version } = workerData as VersionThreadInput;
let sim: Simulation | null = null;
let fed: (() => void) | null = null;
// Messages arrive while the replay waits (below), in the order they were sent.
parentPort!.on('message', (m: VersionThreadFeed) => {
  if ('setting' in m) sim = new Simulation({ ...m.setting, versions: [version] });
  else if ('page' in m) sim!.append(deserialize(m.page) as SimOpening[]);
  else sim!.end();
  fed?.();
});
const more = () => new Promise<void>((resolve) => (fed = resolve));

/** Replays as far as the pages allow, waits for the next, until the end; then the summary. */
async function replayAsFed(): Promise<void> {
  while (!sim) await more();
  const replay: Simulation = sim;
  let reported = Date.now();
  // No yield between slices unless the replay waits for a page: nothing else runs on this
  // thread, and terminate() stops it mid-slice.
  while (!replay.advance(2_000)) {
    // Waiting for a page: say how far it got first (it may be a while).
    if (!replay.starved && Date.now() - reported < 100) continue;
    reported = Date.now();
    parentPort!.postMessage({ progress: replay.progress() } satisfies VersionThreadMessage);
    if (replay.starved) await more();
  }
  parentPort!.postMessage({ result: replay.result() } satisfies VersionThreadMessage);
}
// The entry (version-replay-thread.mjs) ends the thread once this module has evaluated.
await replayAsFed();

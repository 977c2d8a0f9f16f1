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
import { SimulationTrace, wallMs } from './simulation-trace';

// SIMULATION_THREAD_NICE (default 10): how far below the process's priority the replay runs.
const nice = Number(process.env.SIMULATION_THREAD_NICE ?? 10);
lowerThreadPriority(Number.isInteger(nice) && nice >= 0 ? nice : 10);
const { version, trace: traceInput } = workerData as VersionThreadInput;
const trace = new SimulationTrace(`version:${version.label}`, traceInput?.simulationId ?? '');
trace.mark('module-ready', { spawnedAt: traceInput?.spawnedAt });
let sim: Simulation | null = null;
let fed: (() => void) | null = null;
// Time spent taking pages in (deserialize + append), and waiting for them, ms.
let intake = 0;
let pages = 0;
// Messages arrive while the replay waits (below), in the order they were sent.
parentPort!.on('message', (m: VersionThreadFeed) => {
  const t0 = trace.enabled ? wallMs() : 0;
  if ('setting' in m) {
    sim = new Simulation({ ...m.setting, versions: [version] });
    trace.mark('setting');
  } else if ('page' in m) {
    sim!.append(deserialize(m.page) as SimOpening[]);
    pages++;
  } else {
    sim!.end();
    trace.mark('end-received', { pages });
  }
  if (trace.enabled) intake += wallMs() - t0;
  fed?.();
});
const more = () => new Promise<void>((resolve) => (fed = resolve));

/** Replays as far as the pages allow, waits for the next, until the end; then the summary. */
async function replayAsFed(): Promise<void> {
  while (!sim) await more();
  const replay: Simulation = sim;
  let reported = Date.now();
  let starved = 0;
  let waits = 0;
  // No yield between slices unless the replay waits for a page: nothing else runs on this
  // thread, and terminate() stops it mid-slice.
  while (!replay.advance(2_000)) {
    // Waiting for a page: say how far it got first (it may be a while).
    if (!replay.starved && Date.now() - reported < 100) continue;
    reported = Date.now();
    parentPort!.postMessage({ progress: replay.progress() } satisfies VersionThreadMessage);
    if (replay.starved) {
      const t0 = trace.enabled ? wallMs() : 0;
      await more();
      if (trace.enabled) {
        starved += wallMs() - t0;
        waits++;
      }
    }
  }
  trace.mark('replayed', { starvedMs: Math.round(starved), waits, intakeMs: Math.round(intake) });
  const result = replay.result();
  trace.mark('result-built');
  trace.flush();
  parentPort!.postMessage({ result } satisfies VersionThreadMessage);
}
// The entry (version-replay-thread.mjs) ends the thread once this module has evaluated.
await replayAsFed();

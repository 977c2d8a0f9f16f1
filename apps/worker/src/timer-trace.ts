import { JsonLinesTrace } from '@baton/db';

/** One fired timer's stages, worker clock (ms since epoch). */
export type TimerStages = {
  /** When the timer was due (the job's delay end + the lead it was scheduled ahead by). */
  due: number;
  /** The worker took the job from BullMQ (should be ≈ due − lead). */
  picked: number;
  /** The lead slept out: the wait was handed to the resume batcher. */
  slept: number;
  /** Its batch's transaction started and ended (COMMIT answered). */
  batchStart: number;
  batchEnd: number;
  batchSize: number;
  /** The worker process (several may consume one queue). */
  pid?: number;
  /** When the job was created (a re-created timer's is later than its due time). */
  created?: number;
  /** Retries (failed attempts) and stalls (a worker died holding it) before this one. */
  attempts?: number;
  stalls?: number;
};

/**
 * BATON_TIMER_TRACE_FILE=<path>: one JSON line per resumed wait with its stages, to tell
 * BullMQ's promotion, the worker's event-loop lag, the wait for a batch slot and the
 * transaction itself apart (bench/notes.md, session 10), and which process fired it.
 */
export class TimerTrace extends JsonLinesTrace<TimerStages> {
  constructor(file = process.env.BATON_TIMER_TRACE_FILE) {
    super(file);
  }

  override record(stages: TimerStages): void {
    super.record({ ...stages, pid: process.pid });
  }
}

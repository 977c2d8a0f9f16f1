import { JsonLinesTrace } from '../diagnostics/json-lines-trace';

/** One group-commit batch: when its oldest item was handed over, when it started and ended. */
export type BatchRecord = {
  /** Which group commit (inbound, events, waits, sla). */
  name: string;
  size: number;
  /** Submit time of the batch's oldest and newest item (ms since epoch, this process's clock). */
  firstSubmit: number;
  lastSubmit: number;
  start: number;
  end: number;
  /** Batches already in their transactions when this one started. */
  beside: number;
  /** Items still pending when it started (the queue behind it). */
  behind: number;
};

/**
 * BATON_BATCH_TRACE_FILE=<path>: one JSON line per group-commit batch, to tell the time an
 * item waits for a batch slot apart from its batch's own transaction (bench/notes.md,
 * session 11).
 */
export class BatchTrace extends JsonLinesTrace<BatchRecord> {
  constructor(file = process.env.BATON_BATCH_TRACE_FILE) {
    super(file);
  }
}

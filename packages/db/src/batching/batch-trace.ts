import { appendFile } from 'node:fs';

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
 * session 11). Off (a no-op) unless set; lines are buffered and appended twice a second,
 * never on the batch's own path.
 */
export class BatchTrace {
  private buffer: string[] = [];
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly file = process.env.BATON_BATCH_TRACE_FILE) {
    this.timer = file ? setInterval(() => this.flush(), 500) : null;
    this.timer?.unref();
  }

  get enabled(): boolean {
    return Boolean(this.file);
  }

  record(r: BatchRecord): void {
    if (this.file) this.buffer.push(`${JSON.stringify(r)}\n`);
  }

  flush(): void {
    if (!this.file || this.buffer.length === 0) return;
    const lines = this.buffer.join('');
    this.buffer = [];
    appendFile(this.file, lines, () => {});
  }
}

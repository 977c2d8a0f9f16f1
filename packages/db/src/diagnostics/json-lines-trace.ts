import { appendFile } from 'node:fs';

/**
 * A diagnostics trace: one JSON line per record, appended to `file`. Off (a no-op) when no
 * file is given; lines are buffered and appended twice a second, never on the traced path.
 * Used by the group-commit batch trace (BATON_BATCH_TRACE_FILE) and the worker's timer trace
 * (BATON_TIMER_TRACE_FILE).
 */
export class JsonLinesTrace<T> {
  private buffer: string[] = [];
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly file: string | undefined) {
    this.timer = file ? setInterval(() => this.flush(), 500) : null;
    this.timer?.unref();
  }

  get enabled(): boolean {
    return Boolean(this.file);
  }

  record(entry: T): void {
    if (this.file) this.buffer.push(`${JSON.stringify(entry)}\n`);
  }

  flush(): void {
    if (!this.file || this.buffer.length === 0) return;
    const lines = this.buffer.join('');
    this.buffer = [];
    appendFile(this.file, lines, () => {});
  }
}

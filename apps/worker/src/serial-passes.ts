/**
 * Runs `pass` one at a time: a wake while a pass runs asks for one more pass after it (however
 * many wakes came meanwhile), so a NOTIFY never starts a second concurrent pass and never goes
 * unanswered. For the worker's LISTEN-woken duties (SLA re-planning, run moves).
 */
export class SerialPasses {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: (isStopped: () => boolean) => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass(() => this.stopped)
      .catch((err) => this.onError(err as Error))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no pass is in progress. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No pass starts after this; resolves when the current one has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

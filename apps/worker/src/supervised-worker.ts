import { Worker, type Job, type Queue, type WorkerOptions } from 'bullmq';
import type { RedisClient } from '@baton/queue';

type Processor = (job: Job, token?: string) => Promise<unknown>;
type Connection = RedisClient;

/**
 * A BullMQ worker replaced when it stops taking jobs. BullMQ 6.7's main loop can hang for good
 * when a job's own keys vanish while it is being processed (a Redis Cluster master restarted
 * empty, a flushed Redis): finishing the job fails with "Missing key for job …", the job's
 * promise is dropped from the loop's queue without a value, and the loop waits on it forever —
 * no job is fetched again and delayed jobs are never promoted (seen in about one cluster
 * chaos-lite run in three under load: redis-cluster.int.test.ts).
 *
 * Stalled means: no job started for `stallMs` while a slot was free, and a job ready (waiting,
 * or delayed and due) at two checks in a row. A busy worker (every slot in our
 * processor) is never replaced. The old worker is closed without waiting for its jobs (their
 * locks lapse and stall detection hands them on; every job is idempotent).
 */
export class SupervisedWorker {
  private worker: Worker;
  private connection: Connection;
  private inFlight = 0;
  private lastStart = Date.now();
  private readonly timer: NodeJS.Timeout;
  private checking = false;
  private suspect = false;
  private closed = false;
  replaced = 0;

  constructor(
    private readonly queue: Queue,
    private readonly processor: Processor,
    private readonly opts: Omit<WorkerOptions, 'connection'> & {
      concurrency: number;
      stallMs: number;
    },
    /** A connection of the worker's own (ended with it). */
    private readonly make: () => Connection,
    private readonly log: (msg: string) => void,
    private readonly onCreate: (w: Worker) => void = () => {},
  ) {
    [this.worker, this.connection] = this.create();
    this.timer = setInterval(() => void this.check(), Math.max(250, Math.floor(opts.stallMs / 3)));
    this.timer.unref();
  }

  get name(): string {
    return this.worker.name;
  }

  /** The BullMQ worker in service now (tests stall it on purpose). */
  get current(): Worker {
    return this.worker;
  }

  private create(): [Worker, Connection] {
    const { stallMs: _stallMs, ...options } = this.opts;
    const connection = this.make();
    const w = new Worker(
      this.queue.name,
      async (job: Job, token?: string) => {
        this.inFlight++;
        this.lastStart = Date.now();
        try {
          return await this.processor(job, token);
        } finally {
          this.inFlight--;
        }
      },
      { ...options, connection },
    );
    this.onCreate(w);
    return [w, connection];
  }

  /** Whether a job is ready for this worker: one waiting, or a delayed one due (by its score). */
  private async jobReady(now: number): Promise<boolean> {
    if ((await this.queue.getWaitingCount()) > 0) return true;
    // The worker's own connection reaches the queue's keys (same prefix and hash tag).
    const [, score] = await this.connection.zrange(
      this.queue.keys.delayed!,
      '0',
      '0',
      'WITHSCORES',
    );
    // BullMQ scores a delayed job by its due time × 4096 (+ a counter).
    return score !== undefined && Math.floor(Number(score) / 4096) < now;
  }

  private async check(): Promise<void> {
    if (this.checking || this.closed) return;
    this.checking = true;
    try {
      const now = Date.now();
      const idle =
        now - this.lastStart >= this.opts.stallMs && this.inFlight < this.opts.concurrency;
      // Two checks in a row (a third of stallMs apart) must see a job ready: a job that
      // arrived just now is taken within milliseconds by a worker that runs.
      const ready = idle && (await this.jobReady(now));
      const stalled = ready && this.suspect && Date.now() - this.lastStart >= this.opts.stallMs;
      this.suspect = ready;
      if (!stalled || this.closed) return;
      this.suspect = false;
      this.log(
        `[worker] ${this.queue.name}: a job ready and none started for ${this.opts.stallMs} ms with a slot free; replacing its BullMQ worker`,
      );
      const [old, oldConnection] = [this.worker, this.connection];
      this.replaced++;
      this.lastStart = Date.now();
      [this.worker, this.connection] = this.create();
      // Its close may hang on the same broken state: its connection goes either way.
      const end = setTimeout(() => oldConnection.disconnect(), 5000);
      void old
        .close(true)
        .catch(() => {})
        .finally(() => {
          clearTimeout(end);
          oldConnection.disconnect();
        });
    } catch {
      // Redis away: nothing to decide now.
    } finally {
      this.checking = false;
    }
  }

  /**
   * Waits for running jobs, but not for ever: a worker whose loop hung (above) never finishes
   * closing, and would hold the process's shutdown. Past `closeTimeoutMs` it is dropped (its
   * jobs' locks lapse and another worker retries them).
   */
  async close(closeTimeoutMs = 10_000): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      this.worker.close().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), closeTimeoutMs))),
    ]).finally(() => clearTimeout(timer));
    if (!closed) {
      this.log(
        `[worker] ${this.queue.name}: its BullMQ worker did not close in ${closeTimeoutMs} ms; dropped`,
      );
      void this.worker.close(true).catch(() => {});
    }
    this.connection.disconnect();
  }
}

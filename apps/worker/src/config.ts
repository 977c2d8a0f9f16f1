import { z } from 'zod';

/** The queues a worker process can consume: new events (routing), waits, SLA timers, outbound deliveries. */
export const WORKER_QUEUE_ROLES = ['events', 'waits', 'sla', 'deliveries'] as const;
export type WorkerQueueRole = (typeof WORKER_QUEUE_ROLES)[number];

const envSchema = z
  .object({
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
    REDIS_URL: z.string().optional(),
    // host:port,… of a Redis Cluster (README "Running at scale"); REDIS_URL is then not used.
    REDIS_CLUSTER_NODES: z.string().optional(),
    BATON_QUEUE_PREFIX: z.string().default('baton'),
    WORKER_CONCURRENCY: z.coerce.number().int().positive().default(50),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
    // A wait counts as lost when it is this late with no timer having fired it.
    RECONCILE_GRACE_MS: z.coerce.number().int().nonnegative().default(3000),
    // A job held by a worker that died (SIGKILL, OOM) is handed to another after its lock
    // lapses and the next stalled check (every second) sees it: BullMQ's 30 s default made a
    // wait due during a crash fire up to ~60 s late, 10 s with checks every 5 s up to ~15 s
    // (chaos, 2026-12-03). Locks are renewed every lock/4–lock/2, so only an event loop
    // stalled for over 2.5 s would lose one (chaos at load 13: timer lag p99.9 132 ms, max
    // 220 ms); a job handed on by mistake is a duplicate delivery, a no-op.
    WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(5_000),
    // Queue safety sweep: every queue is re-checked this often (and once at start), so a wake
    // that NOTIFY could not deliver (worker down, no queued run yet at commit) waits at most
    // this long. Low frequency: the wake-ups do the real work.
    QUEUE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
    // Followers try the sweeps' leader lock this often; a dead leader is replaced within it.
    // A BullMQ worker that leaves a job ready this long with a free slot is replaced (supervised-worker.ts).
    WORKER_STALL_MS: z.coerce.number().int().min(500).default(30_000),
    LEADER_CHECK_MS: z.coerce.number().int().min(100).default(1000),
    // Which queues this process consumes (README "Running at scale"): all by default. A
    // deployment can give timers processes of their own (WORKER_QUEUES=waits,sla) so a due
    // wait never waits for an event loop busy routing new conversations.
    WORKER_QUEUES: z
      .string()
      .default(WORKER_QUEUE_ROLES.join(','))
      .transform((v, ctx) => {
        const roles = [...new Set(v.split(',').map((r) => r.trim()).filter(Boolean))];
        const unknown = roles.filter((r) => !(WORKER_QUEUE_ROLES as readonly string[]).includes(r));
        if (unknown.length > 0 || roles.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message: `${unknown.length ? `unknown queue ${unknown.map((u) => `"${u}"`).join(', ')}` : 'no queue named'}; use a comma list of ${WORKER_QUEUE_ROLES.join(', ')}`,
          });
          return z.NEVER;
        }
        return new Set(roles as WorkerQueueRole[]);
      }),
  })
  .refine((c) => !!c.REDIS_URL || !!c.REDIS_CLUSTER_NODES?.trim(), {
    path: ['REDIS_URL'],
    message: 'REDIS_URL (or REDIS_CLUSTER_NODES) is required',
  });

export type WorkerConfig = z.infer<typeof envSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Worker configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

// BENCH_SCALE=small is a smoke run (~8 minutes on 2 shared cores); the default is the sizes where they fit
// this machine (the report states every size actually measured).
export const SCALE = (process.env.BENCH_SCALE ?? 'full') === 'small' ? 'small' : 'full';

const small = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  routingRates: process.env.BENCH_RATES ? process.env.BENCH_RATES.split(',').map(Number) : [50, 100, 200],
  routingRoundSeconds: 4,
  sustainSeconds: 10,
  sustainRuns: Number(process.env.BENCH_SUSTAIN_RUNS ?? 2),
  workspaces: 4,
  pendingSizes: [1000],
  dueSeconds: 6,
  backgroundRate: 20,
  alternativesPending: 1000,
  alternativesDueSeconds: 6,
  fairnessAssignments: 1000,
  queuedConversations: 1000,
  queueTrialsPerWorkspace: 10,
  pgbenchSeconds: 5,
  redisBenchRequests: 20_000,
};

const full: typeof small = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  routingRates: process.env.BENCH_RATES ? process.env.BENCH_RATES.split(',').map(Number) : [50, 100, 200, 300, 400, 500, 1000],
  routingRoundSeconds: 8,
  sustainSeconds: 60,
  // The headline is run this many times so its spread is known (issue #20: at least three).
  sustainRuns: Number(process.env.BENCH_SUSTAIN_RUNS ?? 3),
  workspaces: 8,
  pendingSizes: (process.env.BENCH_PENDING ?? '1000,100000').split(',').map(Number),
  dueSeconds: 10,
  backgroundRate: Number(process.env.BENCH_BACKGROUND_RATE ?? 50),
  alternativesPending: 10_000,
  alternativesDueSeconds: 10,
  fairnessAssignments: 10_000,
  queuedConversations: Number(process.env.BENCH_QUEUED ?? 10_000),
  queueTrialsPerWorkspace: 40,
  pgbenchSeconds: 15,
  redisBenchRequests: 200_000,
};

export const SIZES = SCALE === 'small' ? small : full;

// `pnpm bench`: the benchmarks (not part of the test suite). They start their own Postgres,
// Redis, web app and worker; see bench/run-all.ts. BENCH_SCALE=small for a smoke run (~8 min).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const res = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run-all.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
});
process.exit(res.status ?? 1);

// The real worker as production starts it (start.mjs: src/main.ts bundled in dist/, rebuilt when
// stale) as a child process in production mode: missing, published or shared secrets stop it
// before it touches Postgres or Redis, with one line naming the variable.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const strong = 'c0ffee'.repeat(8);

function startWorker(env: Record<string, string>) {
  const base = { ...process.env };
  for (const k of ['BATON_SECRET_KEY', 'NEXTAUTH_SECRET', 'AUTH_SECRET', 'NEXTAUTH_URL']) delete base[k];
  // Unreachable services: if the check let it through, the worker would fail differently (or hang until the timeout).
  return spawnSync(process.execPath, ['start.mjs'], {
    cwd: workerDir,
    env: { ...base, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('worker start-up in production', () => {
  it.each([
    ['no secrets at all', {}, /\[worker\] refusing to start in production: BATON_SECRET_KEY is not set: generate one with `openssl rand -hex 32`/],
    ['one secret for both jobs', { BATON_SECRET_KEY: strong, NEXTAUTH_SECRET: strong }, /BATON_SECRET_KEY must differ from NEXTAUTH_SECRET/],
  ])('is refused with %s', (_, env, line) => {
    const run = startWorker(env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(line);
  }, 40_000);
});

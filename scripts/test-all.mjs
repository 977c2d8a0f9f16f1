// `pnpm test`: every suite, one summary line. Starts its own Postgres and Redis on
// throwaway ports (unless DATABASE_URL / REDIS_URL are set) and Chromium for e2e.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './services/postgres.mjs';
import { startRedis } from './services/redis.mjs';
import { ensureChromium } from './services/chromium.mjs';
import { freePort } from './services/free-port.mjs';
import { plainSetupMessage } from './services/setup-error.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// e.g. `pnpm test unit int`; files after `--` narrow the vitest suites:
// `node scripts/test-all.mjs int -- packages/db/src/sla` runs only the matching int files.
const dashes = process.argv.indexOf('--');
const only = process.argv.slice(2, dashes === -1 ? undefined : dashes);
const fileFilters = dashes === -1 ? [] : process.argv.slice(dashes + 1);
const want = (stage) => only.length === 0 || only.includes(stage);
const work = mkdtempSync(path.join(tmpdir(), 'baton-tests-'));
chmodSync(work, 0o755);
const results = [];
const started = Date.now();

function banner(name) {
  console.log(`\n\x1b[1m━━ ${name} ━━\x1b[0m`);
}

function runCheck(name, cmd, args, env = process.env) {
  banner(name);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  results.push({ name, passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1, ms: Date.now() - t0 });
}

function vitestRun(project, env, out, files = []) {
  const r = spawnSync('pnpm', ['exec', 'vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  return { status: r.status, report: existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null };
}

/** Per test file: passed count and the failures (a file that failed to load has no failed test). */
function fileResults(report) {
  return report.testResults.map((file) => {
    const rel = path.relative(root, file.name);
    const bad = file.assertionResults.filter((a) => a.status === 'failed');
    const failures = bad.map((a) => `${rel} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (file.status === 'failed' && bad.length === 0) failures.push(`${rel}: ${firstLine(file.message)}`);
    return { rel, passed: file.assertionResults.filter((a) => a.status === 'passed').length, failures };
  });
}

// A file with a failure is run once more on its own. What passes then is counted as passed but
// named below as flaky (like Playwright's "flaky"), so it is seen and fixed rather than hidden;
// what fails twice fails the suite. Not when many files fail: that is a broken build, not noise.
const RERUN_AT_MOST_FILES = 3;

function runVitest(project, env = process.env) {
  banner(`${project} tests`);
  const t0 = Date.now();
  const flakyBefore = flaky.length;
  const first = vitestRun(project, env, path.join(work, `${project}.json`), fileFilters);
  let passed = 0;
  let failed = 0;
  if (first.report) {
    let files = fileResults(first.report);
    const bad = files.filter((f) => f.failures.length > 0);
    if (bad.length > 0 && bad.length <= RERUN_AT_MOST_FILES) {
      banner(`${project} tests: once more, ${bad.map((f) => f.rel).join(', ')}`);
      const again = vitestRun(project, env, path.join(work, `${project}-again.json`), bad.map((f) => f.rel));
      const retried = again.report ? fileResults(again.report) : [];
      files = files.map((f) => {
        const second = f.failures.length > 0 ? retried.find((r) => r.rel === f.rel) : undefined;
        if (!second) return f;
        if (second.failures.length === 0) flaky.push(...f.failures);
        return second;
      });
    }
    for (const f of files) {
      passed += f.passed;
      failed += f.failures.length;
      failures.push(...f.failures);
    }
  }
  // vitest failed without saying which test (a crash, an unhandled error): a failure.
  if (first.status !== 0 && failed === 0 && flaky.length === flakyBefore) failed = 1;
  if (passed === 0 && failed === 0) {
    console.error(`${project}: ran no test`);
    failed += 1;
  }
  results.push({ name: `${project} tests`, passed, failed, ms: Date.now() - t0 });
}

const failures = [];
const flaky = [];
function firstLine(text) {
  return String(text ?? 'failed').split('\n')[0].slice(0, 300);
}

const stops = [];
try {
  if (want('lint')) runCheck('lint', 'pnpm', ['exec', 'eslint', '.', '--max-warnings', '0']);
  if (want('typecheck')) runCheck('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  if (want('unit')) runVitest('unit');

  if (want('int') || want('e2e')) {
    banner('services');
    const pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: await freePort(), database: 'baton_test', persistent: false });
    stops.push(pg.stop);
    const redis = await startRedis({ dir: path.join(work, 'redis'), port: await freePort() });
    stops.push(redis.stop);
    console.log(`postgres ${pg.external ? '(DATABASE_URL)' : 'embedded'}, redis ${redis.external ? '(REDIS_URL)' : 'redis-server'}`);
    const env = { ...process.env, DATABASE_URL: pg.url, REDIS_URL: redis.url };
    if (want('int')) runVitest('int', env);
    if (want('e2e')) {
      env.CHROMIUM_PATH = ensureChromium();
      runVitest('e2e', env);
    }
  }
} catch (error) {
  // A set-up problem (port taken, no Chromium, disk full …) is one sentence; anything else a stack.
  const plain = plainSetupMessage(error);
  console.error(plain ? `\n\x1b[31m✗ ${plain}\x1b[0m\n` : error);
  results.push({ name: 'setup', passed: 0, failed: 1, ms: 0 });
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('');
if (flaky.length > 0) {
  console.log('flaky (failed, then passed when its file ran again):');
  for (const f of flaky) console.log(`  ~ ${f}`);
  console.log('');
}
if (failures.length > 0) {
  console.log('failed:');
  for (const f of failures) console.log(`  ✗ ${f}`);
  console.log('');
}
for (const r of results) console.log(`  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(16)} ${r.passed} passed, ${r.failed} failed  (${(r.ms / 1000).toFixed(1)} s)`);
console.log(`  total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

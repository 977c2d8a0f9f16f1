// The production build of the web app for `./scripts/dev.sh`: made once, and again only
// when a file it compiles changed (a fingerprint of their paths, sizes and mtimes is kept
// beside the build), with a progress line while `next build` runs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from './setup-error.mjs';

/** Paths and mtimes of everything `next build` compiles: a different value means rebuild. */
function sourceFingerprint(root) {
  const hash = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && !name.startsWith('.next')) walk(path.join(p, name));
    } else hash.update(`${path.relative(root, p)}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const p of ['apps/web/src', 'apps/web/public', 'apps/web/next.config.ts', 'apps/web/postcss.config.mjs', 'apps/web/tsconfig.json', 'apps/web/package.json', 'pnpm-lock.yaml']) walk(path.join(root, p));
  for (const pkg of ['engine', 'db', 'queue']) {
    walk(path.join(root, 'packages', pkg, 'src'));
    walk(path.join(root, 'packages', pkg, 'package.json'));
  }
  return hash.digest('hex');
}

/**
 * Runs `next build` into apps/web/<dist> unless a build of the same sources is there, with a
 * progress line. Returns false when the build was stopped (its process group killed).
 */
export async function ensureWebBuild({ root, dist: DIST, env, log, track, untrack }) {
  const webDir = path.join(root, 'apps/web');
  const dist = path.join(webDir, DIST);
  const stampFile = path.join(dist, 'baton-sources.sha256');
  const fingerprint = sourceFingerprint(root);
  if (existsSync(path.join(dist, 'BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === fingerprint) {
    log(`using the web build in apps/web/${DIST} (sources unchanged since it was made)`);
    return true;
  }
  const started = Date.now();
  const label = existsSync(path.join(dist, 'BUILD_ID')) ? 'sources changed: rebuilding the web app' : 'building the web app (first run only; later runs reuse it until the sources change)';
  const child = spawn(path.join(webDir, 'node_modules/.bin/next'), ['build'], { cwd: webDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.name = 'build';
  track(child);
  let output = '';
  let phase = 'starting';
  const onData = (d) => {
    output = (output + d.toString()).slice(-20_000);
    // eslint-disable-next-line no-control-regex
    const lines = d.toString().replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length) phase = lines.at(-1).replace(/^[✓○ƒ⚠▲-]\s*/, '').slice(0, 60);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const tty = process.stdout.isTTY;
  // A terminal gets one line rewritten every second; a log gets a line per phase, at least every 15 s.
  let lastShown = '';
  let lastAt = 0;
  const show = () => {
    const line = `\x1b[36m[baton]\x1b[0m ${label} … ${Math.round((Date.now() - started) / 1000)} s · ${phase}`;
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else if (phase !== lastShown || Date.now() - lastAt >= 15_000) {
      console.log(line);
      lastAt = Date.now();
    }
    lastShown = phase;
  };
  show();
  const timer = setInterval(show, 1000);
  const code = await new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? s)));
  clearInterval(timer);
  if (tty) process.stdout.write('\r\x1b[2K');
  untrack(child);
  if (code === 'SIGTERM' || code === 'SIGKILL') return false;
  if (code !== 0) {
    console.error(output.split('\n').slice(-40).join('\n'));
    if (/ENOSPC|No space left/.test(output)) throw new SetupError('The web app could not be built: the disk is full (No space left on device). Free some space and run this again.');
    throw new SetupError(`The web app did not build (next build exited with ${code}; its output is above): fix the error shown there and run this again.`);
  }
  writeFileSync(stampFile, fingerprint + '\n');
  log(`built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

// Installs Debian packages the project needs (redis-server, chromium) when we may,
// and otherwise says exactly what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { SetupError } from './setup-error.mjs';

let aptUpdated = false;

export function findExecutable(names) {
  for (const name of names) {
    if (name.startsWith('/') && existsSync(name)) return name;
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/**
 * Returns the path of the executable, installing `aptPackage` first when missing and root.
 * Otherwise throws a SetupError: one sentence saying what is missing and how to get it.
 */
export function ensureExecutable({ names, aptPackage, why, otherwise }) {
  const existing = findExecutable(names);
  if (existing) return existing;
  const hasApt = Boolean(findExecutable(['apt-get']));
  const alt = otherwise ? `, ${otherwise}` : '';
  if (!hasApt) {
    throw new SetupError(`Baton needs ${aptPackage} (${why}), which is not installed, and this system has no apt-get to install it: install it with your package manager${alt}.`);
  }
  if (userInfo().uid !== 0) {
    throw new SetupError(`Baton needs ${aptPackage} (${why}), which is not installed: run \`sudo apt-get install -y ${aptPackage}\` (or run this script as root to have it installed)${alt}.`);
  }
  console.log(`[setup] installing ${aptPackage} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'pipe'], env, encoding: 'utf8' });
  let r = aptUpdated ? { status: 0 } : apt(['update', '-qq']);
  aptUpdated = true;
  if (r.status === 0) r = apt(['install', '-y', '-qq', aptPackage]);
  const installed = findExecutable(names);
  if (r.status !== 0 || !installed) {
    const reason = (r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit code ${r.status}`;
    throw new SetupError(`Baton needs ${aptPackage} (${why}) and \`apt-get install -y ${aptPackage}\` failed (${reason}): fix that and run this again${alt}.`);
  }
  return installed;
}

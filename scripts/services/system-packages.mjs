// Installs Debian packages the project needs (redis-server, chromium) when we may,
// and otherwise says exactly what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

let aptUpdated = false;

export function findExecutable(names) {
  for (const name of names) {
    if (name.startsWith('/') && existsSync(name)) return name;
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** Returns the path of the executable, installing `aptPackage` first when missing and root. */
export function ensureExecutable({ names, aptPackage, why, envHint }) {
  const existing = findExecutable(names);
  if (existing) return existing;
  const canApt = userInfo().uid === 0 && findExecutable(['apt-get']);
  if (!canApt) {
    const lines = [
      `Baton needs ${aptPackage} (${why}) and it is not installed.`,
      `Install it with: sudo apt-get install -y ${aptPackage}`,
    ];
    if (envHint) lines.push(envHint);
    throw new Error(lines.join('\n'));
  }
  console.log(`[setup] installing ${aptPackage} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', aptPackage], { stdio: 'inherit', env });
  const installed = findExecutable(names);
  if (!installed) throw new Error(`${aptPackage} was installed but none of ${names.join(', ')} is on PATH`);
  return installed;
}

// Small /proc helpers to find and stop what an earlier run left behind (Linux only; on
// other systems they report nothing and callers fall back to plain messages).
import { readFileSync, readlinkSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The command line of a process as one string ('' when unknown or gone). */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** The working directory of a process (postgres and redis-server chdir to their data dir). */
export function workingDir(pid) {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** When the process started (clock ticks since boot): with the pid, it names one process. */
export function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Sends `signal` (to the process, or with `group` to its whole process group), then
 * SIGKILL after `graceMs`; resolves once it (every process of the group) is gone.
 */
export async function stopProcess(
  pid,
  { signal = 'SIGTERM', graceMs = 10_000, group = false } = {},
) {
  const target = group ? -pid : pid;
  const send = (sig) => {
    try {
      process.kill(target, sig);
      return true;
    } catch {
      return false; // already gone
    }
  };
  const running = () => (group ? send(0) : isAlive(pid));
  send(signal);
  const deadline = Date.now() + graceMs;
  while (running() && Date.now() < deadline) await sleep(50);
  if (running()) {
    send('SIGKILL');
    for (let i = 0; i < 100 && running(); i++) await sleep(50);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** "pid 123: redis-server 127.0.0.1:6379" for the process listening on `port`, if we may see it. */
export function describePortOwner(port) {
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
      if (Number.parseInt(cols[1].split(':').pop(), 16) === port) inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return null;
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1])) return `pid ${pid}: ${commandLine(Number(pid)).slice(0, 120)}`;
      } catch {
        /* gone or not ours */
      }
    }
  }
  return null;
}

/** One sentence for a port someone else holds. */
export function portTakenMessage(port, what, envVar) {
  const owner = describePortOwner(port);
  return `Port ${port}, which ${what} needs, is already in use${owner ? ` by another program (${owner})` : ''}: stop that program, or choose another port with ${envVar}=<port>.`;
}

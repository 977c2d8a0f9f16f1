import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../testing';
import { holdLeaderLease, type LeaderLease } from './leader-lease';

const handle = testDatabase(2);
const leases: LeaderLease[] = [];
afterAll(async () => {
  await Promise.all(leases.map((l) => l.stop()));
  await handle.close();
});

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const transitions = new Map<string, boolean[]>();
function lease(name: string, applicationName: string) {
  transitions.set(applicationName, []);
  const l = holdLeaderLease(process.env.DATABASE_URL!, {
    name,
    applicationName,
    checkMs: 100,
    onChange: (v) => transitions.get(applicationName)!.push(v),
  });
  leases.push(l);
  return l;
}

describe('holdLeaderLease', () => {
  it('gives one of several holders the lead, hands it on when the leader stops or its connection is killed, and keeps names apart', async () => {
    const name = `test-lease-${randomUUID()}`;
    const app = `baton-test-lease-${randomUUID().slice(0, 8)}`;
    const holders = [lease(name, `${app}-a`), lease(name, `${app}-b`), lease(name, `${app}-c`)];
    await until(() => holders.some((h) => h.isLeader()));
    // Several checks later there is still exactly one.
    await new Promise((r) => setTimeout(r, 500));
    expect(holders.filter((h) => h.isLeader())).toHaveLength(1);

    // Another duty's name is led independently.
    const other = lease(`${name}-other`, `${app}-d`);
    await until(() => other.isLeader());

    // A clean stop (process shutdown) hands the lead on.
    const first = holders.find((h) => h.isLeader())!;
    await first.stop();
    const rest = holders.filter((h) => h !== first);
    await until(() => rest.some((h) => h.isLeader()));

    // The leader's connection killed by the server (a Postgres restart, an admin, a dead host
    // found by keepalives): it notices and steps down, and the other takes over.
    const second = rest.find((h) => h.isLeader())!;
    const secondIndex = holders.indexOf(second);
    const secondApp = `${app}-${'abc'[secondIndex]}`;
    const killed = await handle.db.execute(
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${secondApp}`,
    );
    expect(killed.rows).toHaveLength(1);
    await until(() => transitions.get(secondApp)!.includes(false));
    await until(() => rest.some((h) => h.isLeader()));
    await new Promise((r) => setTimeout(r, 500));
    expect(rest.filter((h) => h.isLeader())).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../testing';
import { listenChannel } from './listen-channel';

const handle = testDatabase();
afterAll(() => handle.close());

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('listenChannel', () => {
  it('delivers notifications, and after the server drops its connection reconnects and calls onConnected again', async () => {
    const channel = `test_listen_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const applicationName = `baton-test-${channel}`;
    const payloads: (string | undefined)[] = [];
    let connected = 0;
    const listener = listenChannel(process.env.DATABASE_URL!, { channel, applicationName, onNotification: (p) => payloads.push(p), onConnected: () => connected++ });
    try {
      await listener.ready;
      expect(connected).toBe(1);
      await handle.db.execute(sql`select pg_notify(${channel}, 'first')`);
      await until(() => payloads.includes('first'));

      // What a Postgres restart or a failover does to the connection.
      const killed = await handle.db.execute(sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${applicationName}`);
      expect(killed.rows.length).toBe(1);
      await until(() => connected === 2);
      await handle.db.execute(sql`select pg_notify(${channel}, 'second')`);
      await until(() => payloads.includes('second'));
      await handle.db.execute(sql`select pg_notify('some_other_channel', 'x')`);
      expect(payloads).toEqual(['first', 'second']);
    } finally {
      await listener.stop();
    }
    const left = await handle.db.execute(sql`select count(*)::int as n from pg_stat_activity where application_name = ${applicationName}`);
    expect((left.rows[0] as { n: number }).n).toBe(0);
  });
});

import pg from 'pg';
import { QUEUE_WAKE_CHANNEL } from '../system/listen-queue-wakes';

/** Collects queue wake-ups (what the worker's LISTEN connection gets) until stopped. */
export async function listenForQueueWakes(connectionString = process.env.DATABASE_URL) {
  const client = new pg.Client({ connectionString });
  const payloads: string[] = [];
  client.on('notification', (n) => payloads.push(n.payload ?? ''));
  await client.connect();
  await client.query(`LISTEN ${QUEUE_WAKE_CHANNEL}`);
  return {
    payloads,
    async until(match: (p: string) => boolean): Promise<string> {
      // NOTIFY is delivered after commit, asynchronously: poll with a generous deadline.
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        const hit = payloads.find(match);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no wake-up matched; got ${JSON.stringify(payloads)}`);
    },
    stop: () => client.end(),
  };
}

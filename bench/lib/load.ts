// An open-loop, bounded load generator: sends at a fixed rate whatever the server does
// (so a slow server shows up as latency, not as a politely lower rate), records each
// request's send time keyed by its contact id, and drops — and counts — requests beyond a
// bound on in-flight requests rather than queueing without limit.
import http from 'node:http';

export type Target = { workspaceId: string; channelId: string; apiKey: string };
export type Sent = { externalId: string; workspaceId: string; sentMs: number; status: number; responseMs: number };
export type LoadResult = { sent: Sent[]; dropped: number; errors: number; offered: number; seconds: number };

export async function postLoad(opts: {
  baseUrl: string;
  targets: readonly Target[];
  rate: number;
  seconds: number;
  tag: string;
  maxInFlight?: number;
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxInFlight ?? 256 });
  const bound = opts.maxInFlight ?? 256;
  const total = Math.round(opts.rate * opts.seconds);
  const sent: Sent[] = [];
  let inFlight = 0;
  let dropped = 0;
  let errors = 0;
  let issued = 0;
  const pending: Promise<void>[] = [];

  const fire = (n: number) => {
    const target = opts.targets[n % opts.targets.length]!;
    const externalId = `${opts.tag}-${n}`;
    const body = JSON.stringify({ contact: { externalId, name: `Load ${n}` }, text: 'Hello, I need help with my order' });
    const record: Sent = { externalId, workspaceId: target.workspaceId, sentMs: Date.now(), status: 0, responseMs: NaN };
    inFlight++;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: `/api/v1/channels/${target.channelId}/messages`,
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${target.apiKey}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              record.status = res.statusCode ?? 0;
              record.responseMs = Date.now() - record.sentMs;
              inFlight--;
              resolve();
            });
          },
        );
        req.on('error', () => {
          errors++;
          inFlight--;
          resolve();
        });
        req.end(body);
      }),
    );
    sent.push(record);
  };

  const started = Date.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * opts.rate));
      while (issued < due) {
        if (inFlight >= bound) dropped++;
        else fire(issued);
        issued++;
      }
      if (issued >= total) resolve();
      else setTimeout(tick, 2);
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return { sent, dropped, errors, offered: total, seconds: (Date.now() - started) / 1000 };
}

// 5. What the hardware allows: redis-benchmark and pgbench against the same Redis and
// Postgres the bench uses (same durability settings), to set beside what one routed
// conversation spends (Redis commands and Postgres commits, measured in routing-throughput).
import { execFileSync } from 'node:child_process';
import { createDatabaseNamed } from './lib/services';
import { SIZES } from './lib/scale';
import type { BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
import { cpuReferenceMs } from './lib/cpu-reference';

function redisBenchmark(port: number, pipeline: number) {
  const out = execFileSync(
    'redis-benchmark',
    ['-h', '127.0.0.1', '-p', String(port), '-q', '--csv', '-c', '50', '-n', String(SIZES.redisBenchRequests), '-P', String(pipeline), '-t', 'ping,set,get,incr,lpush,zadd,hset'],
    { encoding: 'utf8', timeout: 300_000 },
  );
  const rows: Record<string, number> = {};
  for (const line of out.trim().split('\n').slice(1)) {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    rows[cells[0]!] = Number(cells[1]);
  }
  return rows;
}

function pgbench(url: string, args: string[]) {
  const out = execFileSync('pgbench', [...args, url], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const tps = /tps = ([\d.]+)/.exec(out);
  const lat = /latency average = ([\d.]+) ms/.exec(out);
  return { tps: tps ? Math.round(Number(tps[1])) : NaN, latencyAvgMs: lat ? Number(lat[1]) : NaN };
}

export async function run(ctx: BenchContext) {
  ctx.loads.push(machineLoad('physical: start'));
  // One core's speed, measured before anything else loads the machine.
  const cpuReference = cpuReferenceMs();
  ctx.log(`[physical] CPU reference (fixed JS workload, one core): median ${cpuReference.medianMs} ms (min ${cpuReference.minMs}, max ${cpuReference.maxMs}, ${cpuReference.runs} runs)`);
  const redis = { pipeline1: redisBenchmark(ctx.services.redisPort, 1), pipeline16: redisBenchmark(ctx.services.redisPort, 16) };
  ctx.log(`[physical] redis-benchmark (50 clients): ${JSON.stringify(redis.pipeline1)} req/s; pipelined ×16 ${JSON.stringify(redis.pipeline16)}`);
  await createDatabaseNamed(ctx.services.pgUrl, 'bench_pgbench');
  const url = ctx.services.adminUrl('bench_pgbench');
  execFileSync('pgbench', ['-i', '-q', '-s', '10', url], { stdio: 'ignore', timeout: 600_000 });
  const seconds = String(SIZES.pgbenchSeconds);
  const postgres = {
    tpcbClients16: pgbench(url, ['-c', '16', '-j', '2', '-T', seconds, '-M', 'prepared']),
    selectOnlyClients16: pgbench(url, ['-S', '-c', '16', '-j', '2', '-T', seconds, '-M', 'prepared']),
    // One-row insert per commit: the floor cost of a durable commit on this disk.
    tpcbClients1: pgbench(url, ['-c', '1', '-T', seconds, '-M', 'prepared']),
  };
  ctx.log(`[physical] pgbench: ${JSON.stringify(postgres)}`);
  const fsyncOff = { note: 'not measured' as string, tps: NaN };
  ctx.loads.push(machineLoad('physical: end'));
  return { cpuReference, redis, postgres, fsyncOff, pgbenchVersion: execFileSync('pgbench', ['--version'], { encoding: 'utf8' }).trim(), scale: 10 };
}

// 3. Memory per pending wait: Redis used_memory, Postgres relation sizes, and worker RSS,
// read before and after a batch of pending waits is created (see timer-precision.ts, which
// grows the pending set size by size and calls this around each step).
import type { BenchContext } from './lib/context';
import { redisServers, redisUsedMemory } from './lib/context';
import { rssMiB } from './lib/machine';

const RUN_TABLES = ['workflow_runs', 'run_steps'];
const CONVERSATION_TABLES = ['contacts', 'conversations', 'outbox_events'];

export type MemorySnapshot = { redisBytes: number; pgRunBytes: number; pgConversationBytes: number; workerRssMiB: number; redisRssBytes: number };

export async function memorySnapshot(ctx: BenchContext): Promise<MemorySnapshot> {
  const size = async (tables: string[]) => {
    const { rows } = await ctx.pool.query('select sum(pg_total_relation_size(t::regclass))::bigint as b from unnest($1::text[]) t', [tables]);
    return Number(rows[0].b);
  };
  let redisRssBytes = 0;
  for (const server of redisServers(ctx.redis)) redisRssBytes += Number(/used_memory_rss:(\d+)/.exec(await server.info('memory'))![1]);
  return {
    redisBytes: await redisUsedMemory(ctx.redis),
    redisRssBytes,
    pgRunBytes: await size(RUN_TABLES),
    pgConversationBytes: await size(CONVERSATION_TABLES),
    workerRssMiB: ctx.workers.reduce((a, w) => a + rssMiB(w.pid), 0),
  };
}

export function perWait(before: MemorySnapshot, after: MemorySnapshot, added: number) {
  return {
    redisBytesPerWait: Math.round((after.redisBytes - before.redisBytes) / added),
    pgRunBytesPerWait: Math.round((after.pgRunBytes - before.pgRunBytes) / added),
    pgConversationBytesPerWait: Math.round((after.pgConversationBytes - before.pgConversationBytes) / added),
  };
}

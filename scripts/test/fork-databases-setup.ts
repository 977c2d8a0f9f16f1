// Runs in each int test worker before its files: points DATABASE_URL at this worker's own
// database and REDIS_URL at its own Redis database (see fork-databases-global-setup.ts).
// Child processes the tests start (workers, the dev script) inherit both.
import { forkDatabaseName } from './fork-database-name';

const poolId = process.env.VITEST_POOL_ID;
const base = process.env.BATON_TEST_DATABASE_BASE;
if (poolId && base) {
  const db = new URL(process.env.DATABASE_URL!);
  db.pathname = `/${forkDatabaseName(base, poolId)}`;
  process.env.DATABASE_URL = db.toString();
  // Redis has 16 numbered databases: keys (queues, rate limits, replay guards) are apart;
  // pub/sub is shared, and its channels carry the test's own prefix.
  const redis = new URL(process.env.REDIS_URL!);
  redis.pathname = `/${Number(poolId) % 16}`;
  process.env.REDIS_URL = redis.toString();
}

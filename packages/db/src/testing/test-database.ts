import { createDatabase, type DatabaseHandle } from '../client';

/** The run's real Postgres (started by the int/e2e global setup). */
export function testDatabase(max = 5): DatabaseHandle {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through `pnpm test` or vitest --project int');
  return createDatabase(url, { max, applicationName: 'baton-test' });
}

// Int suite: one database per vitest worker, cloned from the migrated test database
// (services-global-setup.ts migrates it first), so two test files running at once never
// share rows, LISTEN/NOTIFY channels or the workers' sweeps. CREATE DATABASE … TEMPLATE
// copies the migrated schema in milliseconds instead of migrating each one.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { forkDatabaseName } from './fork-database-name';

async function onMaintenanceDb<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const databaseUrl = process.env.DATABASE_URL!;
  const base = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const names = Array.from({ length: workers }, (_, i) => forkDatabaseName(base, i + 1));
  const dropAll = (client: pg.Client) =>
    names.reduce((done, name) => done.then(() => client.query(`drop database if exists "${name}" with (force)`)), Promise.resolve() as Promise<unknown>);
  await onMaintenanceDb(databaseUrl, async (client) => {
    await dropAll(client);
    // Cloning needs the template to have no other session: the migration's pool is closed by now.
    for (const name of names) await client.query(`create database "${name}" template "${base}"`);
  });
  process.env.BATON_TEST_DATABASE_BASE = base;
  return () => onMaintenanceDb(databaseUrl, dropAll);
}

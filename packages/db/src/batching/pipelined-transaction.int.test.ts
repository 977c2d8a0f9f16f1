import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { workspaces } from '../schema';
import { commitWith, pipelinedTransaction } from './pipelined-transaction';

const handle = testDatabase(4);
afterAll(() => handle.close());

const txid = async (q: PromiseLike<{ rows: Array<{ id: string }> }>) => (await q).rows[0]!.id;

describe('pipelinedTransaction and commitWith', () => {
  it('runs the statement given to commitWith inside the transaction, before its COMMIT (drizzle queries are lazy)', async () => {
    const ids = await pipelinedTransaction(handle.db, async (tx) => {
      const first = await txid(tx.execute<{ id: string }>(sql`select txid_current()::text as id`));
      // Not awaited or started here: commitWith must start it ahead of the COMMIT.
      const last = await txid(commitWith(tx, tx.execute<{ id: string }>(sql`select txid_current()::text as id`)));
      return { first, last };
    });
    expect(ids.last).toBe(ids.first);
  });

  it('keeps nothing of a transaction whose last statement fails', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: {} });
    await expect(
      pipelinedTransaction(handle.db, async (tx) => {
        await tx.update(workspaces).set({ name: 'renamed in a failed transaction' }).where(eq(workspaces.id, ws.workspaceId));
        await commitWith(tx, tx.execute(sql`select 1 / 0`));
      }),
    ).rejects.toThrow(/select 1 \/ 0/);
    const [row] = await handle.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ws.workspaceId));
    expect(row!.name).not.toBe('renamed in a failed transaction');
    // The connection went back to the pool clean: the next transaction works.
    await expect(pipelinedTransaction(handle.db, async (tx) => (await tx.execute(sql`select 1 as one`)).rows.length)).resolves.toBe(1);
  });

  it('commits a transaction whose last write went out with commitWith', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: {} });
    await pipelinedTransaction(handle.db, async (tx) => {
      await commitWith(tx, tx.update(workspaces).set({ name: 'renamed and committed' }).where(eq(workspaces.id, ws.workspaceId)));
    });
    const [row] = await handle.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ws.workspaceId));
    expect(row!.name).toBe('renamed and committed');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { testDatabase } from '../testing';
import * as s from '../schema';
import { DomainError } from '../tenancy/errors';
import { CANNOT_SIGN_UP, signUp } from './sign-up';
import { verifyCredentials } from './verify-credentials';
import { listUserWorkspaces } from './list-user-workspaces';

const handle = testDatabase();
afterAll(() => handle.close());
const email = () => `new-${randomUUID().slice(0, 8)}@example.test`;

describe('sign-up', () => {
  it('creates the user, the workspace and an owner membership', async () => {
    const address = email();
    const { userId, workspaceId } = await signUp(handle.db, {
      name: 'Nora',
      email: address,
      password: 'correct horse',
      workspaceName: 'Nora Co',
    });
    const workspaces = await listUserWorkspaces(handle.db, userId);
    expect(workspaces).toEqual([{ workspaceId, name: 'Nora Co', role: 'owner', availability: 'online' }]);
    const [user] = await handle.db.select().from(s.users).where(eq(s.users.id, userId));
    expect(user!.passwordHash).toMatch(/^\$2[aby]\$1\d\$/); // bcrypt, cost 10+
    expect(user!.passwordHash).not.toContain('correct horse');
  });

  it('a duplicate email (any case) is a conflict and creates no workspace', async () => {
    const address = email();
    await signUp(handle.db, { name: 'A', email: address, password: 'password1', workspaceName: 'First' });
    const marker = `Second ${randomUUID()}`;
    const attempt = signUp(handle.db, {
      name: 'B',
      email: address.toUpperCase(),
      password: 'password2',
      workspaceName: marker,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    // Generic: says neither "exists" nor which field (no enumeration by sign-up).
    await expect(attempt).rejects.toMatchObject({ message: CANNOT_SIGN_UP, details: undefined });
    const left = await handle.db.select().from(s.workspaces).where(eq(s.workspaces.name, marker));
    expect(left).toEqual([]);
    const users = await handle.db.select().from(s.users).where(sql`lower(${s.users.email}) = ${address}`);
    expect(users).toHaveLength(1);
  });

  it('two simultaneous sign-ups with one email: one wins, the other leaves nothing behind', async () => {
    const address = email();
    const marker = `Race ${randomUUID()}`;
    const results = await Promise.allSettled(
      [1, 2].map((i) =>
        signUp(handle.db, { name: `R${i}`, email: address, password: 'password1', workspaceName: marker }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'conflict' });
    const workspaces = await handle.db.select().from(s.workspaces).where(eq(s.workspaces.name, marker));
    expect(workspaces).toHaveLength(1);
  });
});

describe('verify credentials', () => {
  it('accepts the right password, case-insensitive email; refuses a wrong one and an unknown email', async () => {
    const address = email();
    const { userId } = await signUp(handle.db, { name: 'V', email: address, password: 'right-pass', workspaceName: 'V' });
    expect(await verifyCredentials(handle.db, ` ${address.toUpperCase()} `, 'right-pass')).toMatchObject({ id: userId });
    expect(await verifyCredentials(handle.db, address, 'wrong-pass')).toBeNull();
    expect(await verifyCredentials(handle.db, email(), 'right-pass')).toBeNull();
  });

  it('an unknown email costs about as much as a wrong password (no account enumeration by timing)', async () => {
    const address = email();
    await signUp(handle.db, { name: 'T', email: address, password: 'right-pass', workspaceName: 'T' });
    const time = async (f: () => Promise<unknown>) => {
      const start = performance.now();
      await f();
      return performance.now() - start;
    };
    const wrong = await time(() => verifyCredentials(handle.db, address, 'wrong-pass'));
    const unknown = await time(() => verifyCredentials(handle.db, email(), 'wrong-pass'));
    expect(unknown).toBeGreaterThan(wrong / 3);
  });
});

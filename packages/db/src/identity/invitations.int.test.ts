import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import * as s from '../schema';
import { tenant } from '../tenancy/tenant';
import { createInvitation, INVITATION_TTL_MS } from './create-invitation';
import { acceptInvitation, CANNOT_CREATE_ACCOUNT } from './accept-invitation';
import { findInvitation } from './find-invitation';
import { listInvitations } from './list-invitations';
import { revokeInvitation } from './revoke-invitation';
import { listMembers } from './list-members';
import { sha256Hex } from './token-hash';
import { hashPassword } from './password-hash';

const handle = testDatabase();
afterAll(() => handle.close());
const email = () => `invitee-${randomUUID().slice(0, 8)}@example.test`;

/** One bcrypt hash on this machine now (the yardstick for "no hash was computed"). */
async function timeOneHash() {
  const started = performance.now();
  await hashPassword('yardstick-password');
  return performance.now() - started;
}

async function setup() {
  const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
  return { ws, t: tenant(handle.db, ws.workspaceId), ownerId: ws.users.Owner!.id };
}

describe('invitations', () => {
  it('stores only the sha256 of the token and expires in 7 days', async () => {
    const { t, ownerId } = await setup();
    const now = new Date();
    const inv = await createInvitation(t, { email: email(), role: 'agent', invitedBy: ownerId, now });
    const [row] = await handle.db.select().from(s.invitations).where(eq(s.invitations.id, inv.id));
    expect(row!.tokenHash).toBe(sha256Hex(inv.token));
    expect(JSON.stringify(row)).not.toContain(inv.token);
    expect(row!.expiresAt.getTime()).toBe(now.getTime() + INVITATION_TTL_MS);
    expect((await listInvitations(t)).map((i) => i.id)).toEqual([inv.id]);
  });

  it('a new user signs up through the link and joins with the invited role', async () => {
    const { t, ownerId } = await setup();
    const address = email();
    const inv = await createInvitation(t, { email: address, role: 'lead', invitedBy: ownerId });
    expect(await findInvitation(handle.db, inv.token)).toMatchObject({ status: 'pending', role: 'lead' });
    expect(await findInvitation(handle.db, inv.token)).not.toHaveProperty('accountExists');
    const accepted = await acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'Ivy', password: 'password123' });
    expect(accepted.workspaceId).toBe(t.workspaceId);
    const members = await listMembers(t);
    expect(members.find((m) => m.userId === accepted.userId)).toMatchObject({ name: 'Ivy', email: address, role: 'lead' });
    expect(await listInvitations(t)).toEqual([]);
  });

  it('an existing account cannot be checked or joined through the link: it signs in, then accepts as itself', async () => {
    const { t, ownerId } = await setup();
    const other = await createTestWorkspace(handle.db, { members: [{ name: 'Existing' }] });
    const existing = other.users.Existing!;
    const inv = await createInvitation(t, { email: existing.email, role: 'agent', invitedBy: ownerId });
    // No password path is left: creating an account for the email is refused the same way
    // whether the guessed password is right or wrong, and without bcrypt (no oracle, no CPU).
    const oneHash = await timeOneHash();
    const started = performance.now();
    for (const password of ['password', 'wrong-guess', 'password', 'wrong-guess']) {
      await expect(acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'X', password })).rejects.toMatchObject({
        code: 'conflict',
        message: CANNOT_CREATE_ACCOUNT,
      });
    }
    expect(performance.now() - started).toBeLessThan(oneHash * 2);
    expect((await listMembers(t)).map((m) => m.userId)).not.toContain(existing.id);
    const accepted = await acceptInvitation(handle.db, inv.token, { kind: 'user', userId: existing.id });
    expect(accepted.userId).toBe(existing.id);
  });

  it('a garbage or used token is refused before any password is hashed', async () => {
    const { t, ownerId } = await setup();
    const inv = await createInvitation(t, { email: email(), role: 'agent', invitedBy: ownerId });
    await acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'First', password: 'password123' });
    const oneHash = await timeOneHash();
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      await expect(acceptInvitation(handle.db, `garbage-${i}`, { kind: 'new', name: 'N', password: 'password123' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'N', password: 'password123' })).rejects.toMatchObject({ code: 'conflict' });
    }
    // Ten refusals in less time than three bcrypt hashes.
    expect(performance.now() - started).toBeLessThan(oneHash * 3);
  });

  it('a signed-in user can only accept an invitation for their own email', async () => {
    const { t, ownerId } = await setup();
    const other = await createTestWorkspace(handle.db, { members: [{ name: 'Someone' }] });
    const inv = await createInvitation(t, { email: email(), role: 'agent', invitedBy: ownerId });
    await expect(
      acceptInvitation(handle.db, inv.token, { kind: 'user', userId: other.users.Someone!.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('accepted twice: the second is refused and there is still one membership', async () => {
    const { t, ownerId } = await setup();
    const inv = await createInvitation(t, { email: email(), role: 'agent', invitedBy: ownerId });
    const results = await Promise.allSettled([
      acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'Twice', password: 'password123' }),
      acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'Twice', password: 'password123' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const accepted = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ userId: string }>).value;
    await expect(
      acceptInvitation(handle.db, inv.token, { kind: 'user', userId: accepted.userId }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already been used/) });
    expect((await listMembers(t)).filter((m) => m.name === 'Twice')).toHaveLength(1);
    expect(await findInvitation(handle.db, inv.token)).toMatchObject({ status: 'accepted' });
  });

  it('joining a workspace one already belongs to keeps the existing membership', async () => {
    const { ws, t, ownerId } = await setup();
    const inv = await createInvitation(t, { email: email(), role: 'agent', invitedBy: ownerId });
    const { userId } = await acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'Again', password: 'password123' });
    // A second, older-style invitation for the same person is accepted while already a member.
    const [u] = await handle.db.select().from(s.users).where(eq(s.users.id, userId));
    await handle.db.insert(s.invitations).values({
      workspaceId: ws.workspaceId,
      email: u!.email,
      role: 'admin',
      tokenHash: sha256Hex('manual-token-' + userId),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await acceptInvitation(handle.db, 'manual-token-' + userId, { kind: 'user', userId });
    const mine = (await listMembers(t)).filter((m) => m.userId === userId);
    expect(mine).toEqual([expect.objectContaining({ role: 'agent' })]);
  });

  it('an expired invitation is refused with a clear message', async () => {
    const { t, ownerId } = await setup();
    const inv = await createInvitation(t, {
      email: email(),
      role: 'agent',
      invitedBy: ownerId,
      now: new Date(Date.now() - INVITATION_TTL_MS - 1000),
    });
    expect(await findInvitation(handle.db, inv.token)).toMatchObject({ status: 'expired' });
    await expect(
      acceptInvitation(handle.db, inv.token, { kind: 'new', name: 'Late', password: 'password123' }),
    ).rejects.toMatchObject({ code: 'expired', message: expect.stringMatching(/expired/) });
    expect((await listMembers(t)).map((m) => m.name)).toEqual(['Owner']);
  });

  it('a revoked invitation is refused; a re-invite revokes the older link', async () => {
    const { t, ownerId } = await setup();
    const address = email();
    const first = await createInvitation(t, { email: address, role: 'agent', invitedBy: ownerId });
    const second = await createInvitation(t, { email: address, role: 'agent', invitedBy: ownerId });
    await expect(
      acceptInvitation(handle.db, first.token, { kind: 'new', name: 'Old', password: 'password123' }),
    ).rejects.toMatchObject({ code: 'expired', message: expect.stringMatching(/revoked/) });
    await revokeInvitation(t, second.id);
    await revokeInvitation(t, second.id); // idempotent
    await expect(
      acceptInvitation(handle.db, second.token, { kind: 'new', name: 'New', password: 'password123' }),
    ).rejects.toMatchObject({ code: 'expired' });
    expect(await listInvitations(t)).toEqual([]);
  });

  it('an unknown token is not found; inviting an existing member is a conflict', async () => {
    const { ws, t, ownerId } = await setup();
    await expect(
      acceptInvitation(handle.db, 'no-such-token', { kind: 'new', name: 'N', password: 'password123' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await findInvitation(handle.db, 'no-such-token')).toBeNull();
    await expect(
      createInvitation(t, { email: ws.users.Owner!.email.toUpperCase(), role: 'agent', invitedBy: ownerId }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

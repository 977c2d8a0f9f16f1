// Server actions anyone can call without a session and that hash a password: sign-up and
// accepting an invitation with a new account. Each is limited per client IP before any
// bcrypt; the invitation page has no password check left to guess against.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CANNOT_CREATE_ACCOUNT, CANNOT_SIGN_UP, createInvitation, listMembers, tenant, verifyCredentials } from '@baton/db';
import { createTestWorkspace, testDatabase } from '@baton/db/testing';
import { sessionState, signInAs } from '@/security/session-state';
import { CLIENT_IP_HEADER, markClientIpStamped } from './client-ip';

const handle = testDatabase();
const ENV_KEYS = ['RATE_LIMITS', 'RATE_LIMIT_SIGNUP', 'RATE_LIMIT_INVITE'];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
type ActionOutcome = { ok: boolean; error?: string; fieldErrors?: Record<string, string> };
let signUpAction: (fd: FormData) => Promise<ActionOutcome>;
let acceptAsNewAccount: (fd: FormData) => Promise<ActionOutcome>;

beforeAll(async () => {
  ({ signUpAction } = (await import('@/app/(auth)/sign-up/actions')) as unknown as { signUpAction: typeof signUpAction });
  ({ acceptAsNewAccount } = (await import('@/app/(auth)/invite/[token]/actions')) as unknown as { acceptAsNewAccount: typeof acceptAsNewAccount });
  markClientIpStamped(true); // as server.ts does
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});
afterAll(async () => {
  markClientIpStamped(false);
  sessionState.headers = new Headers();
  await handle.close();
});

const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const randomIp = () => `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
function from(ip: string) {
  signInAs(null);
  sessionState.headers = new Headers({ [CLIENT_IP_HEADER]: ip });
}
const newEmail = () => `anon-${randomUUID().slice(0, 8)}@example.test`;
const signUpForm = (email: string, workspaceName = `WS ${randomUUID().slice(0, 6)}`) =>
  fd({ name: 'Newcomer', email, password: 'long-enough-pw', workspaceName });

describe('sign-up', () => {
  it('is limited per client IP: the 3rd of a budget of 2 is refused with the wait and creates nothing', async () => {
    process.env.RATE_LIMIT_SIGNUP = '2/600';
    const ip = randomIp();
    from(ip);
    expect((await signUpAction(signUpForm(newEmail()))).ok).toBe(true);
    from(ip);
    expect((await signUpAction(signUpForm(newEmail()))).ok).toBe(true);
    from(ip);
    const refusedEmail = newEmail();
    const third = await signUpAction(signUpForm(refusedEmail));
    expect(third).toMatchObject({ ok: false, error: expect.stringMatching(/Too many attempts.*Try again in \d+ (seconds|minutes)/) });
    expect(await verifyCredentials(handle.db, refusedEmail, 'long-enough-pw')).toBeNull(); // no account, so no workspace
    // Another address has its own budget; a form with typos costs nothing.
    from(randomIp());
    expect((await signUpAction(signUpForm(newEmail()))).ok).toBe(true);
    from(ip);
    expect(await signUpAction(fd({ name: '', email: 'x', password: 'p', workspaceName: '' }))).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
  });

  it('an email that has an account gets a generic refusal, not "this email exists"', async () => {
    from(randomIp());
    const email = newEmail();
    expect((await signUpAction(signUpForm(email))).ok).toBe(true);
    from(randomIp());
    const again = await signUpAction(signUpForm(email.toUpperCase()));
    expect(again).toEqual({ ok: false, error: CANNOT_SIGN_UP });
    expect(again.error).not.toMatch(/exist/i);
  });

  it('refuses a password bcrypt would truncate (over 72 bytes)', async () => {
    from(randomIp());
    const r = await signUpAction(fd({ name: 'Long', email: newEmail(), password: 'é'.repeat(40), workspaceName: 'Long Co' }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(/72 bytes/) } });
  });
});

describe('invitation acceptance', () => {
  it('guessing the password of an invited existing account: no answer depends on it, and nobody joins', async () => {
    const inviter = await createTestWorkspace(handle.db, { members: [{ name: 'Attacker', role: 'owner' }] });
    const victim = await createTestWorkspace(handle.db, { members: [{ name: 'Victim' }] });
    const t = tenant(handle.db, inviter.workspaceId);
    const inv = await createInvitation(t, { email: victim.users.Victim!.email, role: 'agent', invitedBy: inviter.users.Attacker!.id });
    const answers = [];
    // "password" is the victim's real password.
    for (const password of ['wrong-guess-1', 'password', 'wrong-guess-2']) {
      from(randomIp());
      answers.push(await acceptAsNewAccount(fd({ token: inv.token, name: 'Attacker', password: password.padEnd(8, '!') })));
    }
    expect(answers).toEqual([0, 1, 2].map(() => ({ ok: false, error: CANNOT_CREATE_ACCOUNT })));
    expect((await listMembers(t)).map((m) => m.userId)).not.toContain(victim.users.Victim!.id);
    // The old "accept with the account's password" action is gone.
    const mod = (await import('@/app/(auth)/invite/[token]/actions')) as Record<string, unknown>;
    expect(Object.keys(mod).sort()).toEqual(['acceptAsNewAccount', 'acceptAsSignedInUser']);
  });

  it('is limited per client IP before the token is even looked up', async () => {
    process.env.RATE_LIMIT_INVITE = '2/600';
    const ip = randomIp();
    const garbage = () => fd({ token: `garbage-${randomUUID()}`, name: 'Guesser', password: 'long-enough-pw' });
    from(ip);
    expect(await acceptAsNewAccount(garbage())).toEqual({ ok: false, error: 'This invitation link is not valid' });
    from(ip);
    expect(await acceptAsNewAccount(garbage())).toEqual({ ok: false, error: 'This invitation link is not valid' });
    from(ip);
    expect(await acceptAsNewAccount(garbage())).toMatchObject({ ok: false, error: expect.stringMatching(/Too many attempts/) });
    // A real invitation from that address waits too; from another it goes through.
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
    const email = newEmail();
    const inv = await createInvitation(tenant(handle.db, ws.workspaceId), { email, role: 'agent', invitedBy: ws.users.Owner!.id });
    const form = () => fd({ token: inv.token, name: 'Invitee', password: 'long-enough-pw' });
    from(ip);
    expect((await acceptAsNewAccount(form())).ok).toBe(false);
    from(randomIp());
    expect(await acceptAsNewAccount(form())).toEqual({ ok: true, data: { email } });
    expect(await verifyCredentials(handle.db, email, 'long-enough-pw')).toMatchObject({ email });
  });
});

// What an attacker with a copy of the database gets: bcrypt hashes (cost ≥ 10) for passwords,
// sha256 for API keys and invitation tokens, AES-256-GCM ciphertext for channel secrets.
// No plaintext appears anywhere in the rows.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { signUp } from './sign-up';
import { createApiKey } from './create-api-key';
import { createInvitation } from './create-invitation';
import { createChannel } from '../channels/manage-channels';
import { decryptSecret } from '../channels/secret-box';

const handle = testDatabase();
afterAll(() => handle.close());
const row = async (table: string, id: string) => (await handle.pool.query(`select to_jsonb(t)::text as j, t.* from ${table} t where id = $1`, [id])).rows[0];

describe('secrets at rest', () => {
  it('passwords: bcrypt, cost ≥ 10, never the plaintext', async () => {
    const password = 'correct horse battery staple';
    const { userId } = await signUp(handle.db, { name: 'Hash Me', email: `hash-${Date.now()}@example.test`, password, workspaceName: 'Hashes' });
    const r = await row('users', userId);
    expect(r.password_hash).toMatch(/^\$2[aby]\$(1[0-9]|[2-3][0-9])\$/);
    expect(r.j).not.toContain(password);
  });

  it('API keys and invitation tokens: sha256 only', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const key = await createApiKey(t, { name: 'k', createdBy: null });
    const k = await row('api_keys', key.id);
    expect(k.key_hash).toBe(createHash('sha256').update(key.plaintext).digest('hex'));
    expect(k.j).not.toContain(key.plaintext);
    const inv = await createInvitation(t, { email: 'someone@example.test', role: 'agent', invitedBy: null });
    const i = await row('invitations', inv.id);
    expect(i.token_hash).toBe(createHash('sha256').update(inv.token).digest('hex'));
    expect(i.j).not.toContain(inv.token);
  });

  it('channel secrets: AES-256-GCM with a fresh IV each time; tampering is detected', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const a = await createChannel(t, { name: 'A' } as never);
    const b = await createChannel(t, { name: 'B' } as never);
    const ra = await row('channels', a.id);
    expect(ra.j).not.toContain(a.secret);
    const sealed: string = ra.inbound_secret_encrypted;
    expect(sealed.split('.')[0]).toBe('v1');
    expect(decryptSecret(sealed)).toBe(a.secret);
    const rb = await row('channels', b.id);
    expect(rb.inbound_secret_encrypted.split('.')[1]).not.toBe(sealed.split('.')[1]); // IVs differ
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});

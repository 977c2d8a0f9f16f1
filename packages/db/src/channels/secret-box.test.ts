import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, openSecret } from './secret-box';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['NODE_ENV', 'BATON_SECRET_KEY', 'BATON_SECRET_KEY_PREVIOUS', 'NEXTAUTH_SECRET', 'AUTH_SECRET'] as const) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
const set = (env: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
};

describe('secret box', () => {
  it('refuses to encrypt or decrypt in production without BATON_SECRET_KEY, even when NEXTAUTH_SECRET is set', () => {
    set({ NODE_ENV: 'test', BATON_SECRET_KEY: undefined });
    const sealed = encryptSecret('whsec_x');
    set({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'n'.repeat(40) });
    expect(() => encryptSecret('whsec_x')).toThrow(/BATON_SECRET_KEY is not set/);
    expect(() => decryptSecret(sealed)).toThrow(/BATON_SECRET_KEY is not set/);
  });

  it('does not use the session secret as the encryption key', () => {
    set({ NODE_ENV: 'production', BATON_SECRET_KEY: 'k'.repeat(40), NEXTAUTH_SECRET: 's'.repeat(40) });
    const sealed = encryptSecret('whsec_x');
    set({ BATON_SECRET_KEY: 's'.repeat(40) });
    expect(() => decryptSecret(sealed)).toThrow(/cannot be decrypted/);
  });

  it('opens what a previous key sealed and reports it stale (so migrations re-seal it)', () => {
    set({ NODE_ENV: 'production', BATON_SECRET_KEY: 'old'.repeat(12) });
    const sealed = encryptSecret('whsec_rotate');
    set({ BATON_SECRET_KEY: 'new'.repeat(12), BATON_SECRET_KEY_PREVIOUS: 'other'.repeat(8) + ',' + 'old'.repeat(12) });
    expect(openSecret(sealed)).toMatchObject({ plain: 'whsec_rotate', stale: true });
    expect(openSecret(encryptSecret('whsec_now'))).toMatchObject({ plain: 'whsec_now', stale: false });
  });

  it('in development, still opens data the old dev script sealed with its NEXTAUTH_SECRET; never in production', () => {
    set({ NODE_ENV: 'development', BATON_SECRET_KEY: 'baton-dev-secret-change-me' });
    const sealedByOldDev = encryptSecret('whsec_dev');
    set({ BATON_SECRET_KEY: 'r'.repeat(64) });
    expect(openSecret(sealedByOldDev)).toMatchObject({ plain: 'whsec_dev', stale: true });
    set({ NODE_ENV: 'production' });
    expect(() => decryptSecret(sealedByOldDev)).toThrow(/cannot be decrypted/);
  });
});

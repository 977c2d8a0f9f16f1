import { describe, expect, it } from 'vitest';
import { productionSecretProblems } from './production-secrets';

const strong = 'a'.repeat(16) + 'b1c2d3e4f5a6b7c8d9e0';
const other = 'f'.repeat(20) + '0123456789ab';
const good = { NODE_ENV: 'production', BATON_SECRET_KEY: strong, NEXTAUTH_SECRET: other, NEXTAUTH_URL: 'https://baton.example.com' };
const web = { needsPublicUrl: true };

describe('production secrets', () => {
  it('accepts distinct strong secrets and a public URL', () => {
    expect(productionSecretProblems(good, web)).toEqual([]);
    expect(productionSecretProblems({ ...good, NEXTAUTH_SECRET: undefined, AUTH_SECRET: other }, web)).toEqual([]);
  });

  it('checks nothing outside production', () => {
    expect(productionSecretProblems({ NODE_ENV: 'development' }, web)).toEqual([]);
    expect(productionSecretProblems({ NODE_ENV: 'test' }, web)).toEqual([]);
  });

  it.each([
    ['missing encryption key', { BATON_SECRET_KEY: undefined }, /^BATON_SECRET_KEY is not set: generate one with `openssl rand -hex 32`/],
    ['empty encryption key', { BATON_SECRET_KEY: '' }, /^BATON_SECRET_KEY is not set/],
    ['compose default key', { BATON_SECRET_KEY: 'change-me-in-production' }, /^BATON_SECRET_KEY is a published default/],
    ['old code fallback key', { BATON_SECRET_KEY: 'baton-dev-only-secret' }, /^BATON_SECRET_KEY is a published default/],
    ['short key', { BATON_SECRET_KEY: 'x'.repeat(31) }, /^BATON_SECRET_KEY is shorter than 32 characters/],
    ['missing session secret', { NEXTAUTH_SECRET: undefined }, /^NEXTAUTH_SECRET \(or AUTH_SECRET\) is not set/],
    ['dev script default session secret', { NEXTAUTH_SECRET: 'baton-dev-secret-change-me' }, /^NEXTAUTH_SECRET is a published default/],
    ['short AUTH_SECRET', { NEXTAUTH_SECRET: undefined, AUTH_SECRET: 'short' }, /^AUTH_SECRET is shorter than 32/],
    ['key equal to session secret', { NEXTAUTH_SECRET: strong }, /^BATON_SECRET_KEY must differ from NEXTAUTH_SECRET/],
    ['no public URL', { NEXTAUTH_URL: undefined }, /^NEXTAUTH_URL is not set/],
  ])('refuses %s', (_, change, message) => {
    const problems = productionSecretProblems({ ...good, ...change }, web);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('the worker does not need the public URL', () => {
    expect(productionSecretProblems({ ...good, NEXTAUTH_URL: undefined }, { needsPublicUrl: false })).toEqual([]);
  });

  it('the worker (no sessions) needs only the encryption key, but still refuses a weak or shared session secret it is given', () => {
    const worker = { needsPublicUrl: false, needsSessionSecret: false };
    expect(productionSecretProblems({ NODE_ENV: 'production', BATON_SECRET_KEY: strong }, worker)).toEqual([]);
    expect(productionSecretProblems({ NODE_ENV: 'production' }, worker)).toEqual([expect.stringMatching(/^BATON_SECRET_KEY is not set/)]);
    expect(productionSecretProblems({ NODE_ENV: 'production', BATON_SECRET_KEY: strong, NEXTAUTH_SECRET: strong }, worker)).toEqual([
      expect.stringMatching(/^BATON_SECRET_KEY must differ from NEXTAUTH_SECRET/),
    ]);
    expect(productionSecretProblems({ NODE_ENV: 'production', BATON_SECRET_KEY: strong, NEXTAUTH_SECRET: 'secret' }, worker)).toEqual([
      expect.stringMatching(/^NEXTAUTH_SECRET is a published default/),
    ]);
  });
});

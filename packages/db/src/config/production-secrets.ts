/**
 * What a production process refuses to start with. A known or short session secret lets
 * anyone mint a next-auth session for any user; a known encryption key exposes every
 * channel's HMAC secret to whoever reads a database dump. Both shipped as defaults in this
 * repo once (compose, dev script, code fallbacks), so those values are named here.
 */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [
  'change-me-in-production',
  'baton-dev-only-secret',
  'baton-dev-only-secret-do-not-use-in-production',
  'baton-dev-secret-change-me',
  'baton-e2e-secret',
  'baton-bench-secret',
  'baton-chaos-secret',
  'secret',
  'changeme',
];

export const MIN_SECRET_LENGTH = 32;
const HOW = 'generate one with `openssl rand -hex 32`';

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** The next-auth secret, under either of the names next-auth reads. */
export function sessionSecretFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.NEXTAUTH_SECRET || env.AUTH_SECRET || undefined;
}

function weakness(name: string, value: string | undefined): string | null {
  if (!value) return `${name} is not set: ${HOW}`;
  if (KNOWN_DEFAULT_SECRETS.includes(value)) return `${name} is a published default value: ${HOW}`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} is shorter than ${MIN_SECRET_LENGTH} characters: ${HOW}`;
  return null;
}

/**
 * Every reason a production process must not start, one sentence each naming the variable;
 * empty outside production (dev and tests use fallbacks) and when all is well.
 */
export function productionSecretProblems(env: NodeJS.ProcessEnv, opts: { needsPublicUrl: boolean; needsSessionSecret?: boolean }): string[] {
  if (!isProduction(env)) return [];
  const key = env.BATON_SECRET_KEY || undefined;
  const session = sessionSecretFrom(env);
  const problems = [weakness('BATON_SECRET_KEY', key)];
  // The worker signs no sessions: it needs only the encryption key, and checks the session
  // secret only when it is given (a shared deployment env must still keep the two apart).
  if (opts.needsSessionSecret !== false || session) {
    problems.push(weakness(env.NEXTAUTH_SECRET ? 'NEXTAUTH_SECRET' : env.AUTH_SECRET ? 'AUTH_SECRET' : 'NEXTAUTH_SECRET (or AUTH_SECRET)', session));
  }
  if (key && session && key === session) {
    problems.push(`BATON_SECRET_KEY must differ from NEXTAUTH_SECRET: the encryption key and the session secret are separate keys; ${HOW}`);
  }
  if (opts.needsPublicUrl && !env.NEXTAUTH_URL) {
    problems.push('NEXTAUTH_URL is not set: set it to the public URL of the app (e.g. https://baton.example.com); production never takes the origin from request headers');
  }
  return problems.filter((p): p is string => p !== null);
}

/** Prints one line per problem and exits 1; returns when the process may start. */
export function refuseToStartWithUnsafeSecrets(processName: string, opts: { needsPublicUrl: boolean; needsSessionSecret?: boolean }, env: NodeJS.ProcessEnv = process.env): void {
  const problems = productionSecretProblems(env, opts);
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`[${processName}] refusing to start in production: ${problem}`);
  process.exit(1);
}

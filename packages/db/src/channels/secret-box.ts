import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { isProduction } from '../config/production-secrets';

// Channel secrets must be readable to verify HMAC signatures, so they are encrypted at rest
// (AES-256-GCM) with a key derived from BATON_SECRET_KEY, not hashed. The key is its own
// secret: it never falls back to the session secret (NEXTAUTH_SECRET), so leaking one does
// not give away the other. Production refuses to start without it (refuseToStartWithUnsafeSecrets).
const DEV_KEY = 'baton-dev-only-secret';
// Keys that encrypted data in development before the key was separated: `pnpm dev` used to
// set NEXTAUTH_SECRET to this and encrypt with it. Tried for decryption only, outside production.
const LEGACY_DEV_KEYS = [DEV_KEY, 'baton-dev-secret-change-me'];

const derive = (material: string) => createHash('sha256').update(material).digest();

function currentKeyMaterial(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BATON_SECRET_KEY) return env.BATON_SECRET_KEY;
  if (isProduction(env)) throw new Error('BATON_SECRET_KEY is not set: generate one with `openssl rand -hex 32`');
  return DEV_KEY;
}

/**
 * Keys to try when decrypting, current first. BATON_SECRET_KEY_PREVIOUS (comma-separated)
 * lets a deployment change its key: migrateDatabase re-encrypts what an old key sealed.
 */
export function decryptionKeyMaterials(env: NodeJS.ProcessEnv = process.env): string[] {
  const previous = (env.BATON_SECRET_KEY_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const devOnly = isProduction(env) ? [] : [...LEGACY_DEV_KEYS, env.NEXTAUTH_SECRET, env.AUTH_SECRET].filter((s): s is string => Boolean(s));
  return [...new Set([currentKeyMaterial(env), ...previous, ...devOnly])];
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(currentKeyMaterial()), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

function openWith(material: string, iv: string, tag: string, body: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(material), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null; // GCM authentication failed: not this key
  }
}

/**
 * The plaintext, and whether it was sealed with an older key (and should be re-encrypted).
 * `alsoTry` adds keys for one call (the migration's re-sealing of data under published defaults).
 */
export function openSecret(sealed: string, alsoTry: readonly string[] = []): { plain: string; stale: boolean; keyMaterial: string } {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unrecognised secret format');
  const materials = [...new Set([...decryptionKeyMaterials(), ...alsoTry])];
  for (const [i, material] of materials.entries()) {
    const plain = openWith(material, iv, tag, body);
    if (plain !== null) return { plain, stale: i > 0, keyMaterial: material };
  }
  throw new Error('A channel secret cannot be decrypted with BATON_SECRET_KEY (or BATON_SECRET_KEY_PREVIOUS): was the key changed?');
}

export function decryptSecret(sealed: string): string {
  return openSecret(sealed).plain;
}

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Channel secrets must be readable to verify HMAC signatures, so they are encrypted at
// rest (AES-256-GCM) with a key from BATON_SECRET_KEY, not hashed.
function key(): Buffer {
  const material = process.env.BATON_SECRET_KEY ?? process.env.NEXTAUTH_SECRET ?? 'baton-dev-only-secret';
  return createHash('sha256').update(material).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unrecognised secret format');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

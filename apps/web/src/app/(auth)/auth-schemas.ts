import { z } from 'zod';

// Shared by the forms (instant feedback) and the server actions (the real check).
export const emailField = z.string().trim().min(1, { error: 'Enter your email' }).pipe(z.email({ error: 'Enter a valid email address' }));
// bcrypt reads only the first 72 bytes: a longer password would be silently cut, so the
// rest would not count. Bytes, not characters: "é" is two, most emoji four.
export const PASSWORD_MAX_BYTES = 72;
export const newPasswordField = z
  .string()
  .min(8, { error: 'Use at least 8 characters' })
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES, {
    error: `Use at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters; accented letters and emoji count as 2–4)`,
  });
export const nameField = z.string().trim().min(1, { error: 'Enter your name' }).max(100, { error: 'Keep it under 100 characters' });

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, { error: 'Enter your password' }),
});

export const signUpSchema = z.object({
  name: nameField,
  email: emailField,
  password: newPasswordField,
  workspaceName: z
    .string()
    .trim()
    .min(1, { error: 'Name your workspace' })
    .max(100, { error: 'Keep it under 100 characters' }),
});

// Any origin works as the base: only "does it stay on it" matters, and the answer is a path.
const BASE = new URL('http://baton.invalid');

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing aid. The value is
 * resolved the way the browser will resolve it (tabs and newlines dropped, `\\` read as `/`,
 * `%09` already decoded by Next), kept only if it stays on our origin, and returned as
 * pathname+search+hash. The result is checked once more, because normalising can itself
 * produce `//host` (`/.//evil.com` has the path `//evil.com`).
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/inbox'): string {
  if (!value || value.length > 2000) return fallback;
  let path: string;
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE.origin) return fallback;
    path = url.pathname + url.search + url.hash;
    if (!path.startsWith('/') || path.startsWith('//') || new URL(path, BASE).origin !== BASE.origin) return fallback;
  } catch {
    return fallback;
  }
  return path;
}

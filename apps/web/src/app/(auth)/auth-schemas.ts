import { z } from 'zod';

// Shared by the forms (instant feedback) and the server actions (the real check).
export const emailField = z.string().trim().min(1, { error: 'Enter your email' }).pipe(z.email({ error: 'Enter a valid email address' }));
export const newPasswordField = z
  .string()
  .min(8, { error: 'Use at least 8 characters' })
  .max(200, { error: 'Use at most 200 characters' });
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

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/inbox'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { parseSignInRateLimited, signInRateLimitedMessage } from '@/server/rate-limit/sign-in-rate-limited';
import { signInSchema } from '../auth-schemas';

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      setFieldErrors(errors);
      setError(null);
      return;
    }
    setFieldErrors({});
    startTransition(async () => {
      const res = await signIn('credentials', { ...parsed.data, redirect: false });
      if (!res || res.error) {
        // The same answers whether or not the email has an account.
        const waitSeconds = parseSignInRateLimited(res?.error);
        setError(
          waitSeconds !== null
            ? signInRateLimitedMessage(waitSeconds)
            : res?.error === 'CredentialsSignin' || !res
              ? 'Wrong email or password.'
              : 'Sign-in failed. Please try again.',
        );
        return;
      }
      // A full navigation, so every server component renders with the new session cookie.
      window.location.assign(callbackUrl);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {error ? <Alert>{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}

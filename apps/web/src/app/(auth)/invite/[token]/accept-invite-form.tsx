'use client';

import { useState, useTransition } from 'react';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { useActionForm } from '@/components/ui/use-action-form';
import { acceptAsNewAccount, acceptAsSignedInUser } from './actions';

/** A new account for the invited email; whoever already has one signs in instead (see the page). */
export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const [signInError, setSignInError] = useState<string | null>(null);
  const form = useActionForm(acceptAsNewAccount, {
    async onSuccess(data, _form, formData) {
      const res = await signIn('credentials', { email: data.email, password: String(formData.get('password')), redirect: false });
      if (!res || res.error) {
        setSignInError('You joined the workspace, but signing in failed. Please sign in.');
        return;
      }
      window.location.assign('/inbox');
    },
  });
  const e = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {form.error && Object.keys(form.fieldErrors).length === 0 ? <Alert>{form.error}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <TextField label="Email" name="email" type="email" value={email} readOnly disabled autoComplete="email" />
      <TextField label="Your name" name="name" autoComplete="name" required error={e.name} />
      <TextField
        label="Choose a password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        error={e.password}
      />
      <Button type="submit" pending={form.pending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}

export function AcceptAsSignedInButton({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {error ? <Alert>{error}</Alert> : null}
      <Button
        type="button"
        className="w-full"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await acceptAsSignedInUser(token);
            if (r && !r.ok) setError(r.error);
          })
        }
      >
        Accept invitation
      </Button>
    </div>
  );
}

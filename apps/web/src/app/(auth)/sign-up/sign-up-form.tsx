'use client';

import { useState } from 'react';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { useActionForm } from '@/components/ui/use-action-form';
import { signUpAction } from './actions';

export function SignUpForm() {
  const [signInError, setSignInError] = useState<string | null>(null);
  const form = useActionForm(signUpAction, {
    async onSuccess(data, _form, formData) {
      const res = await signIn('credentials', { email: data.email, password: String(formData.get('password')), redirect: false });
      if (!res || res.error) {
        setSignInError('Your workspace is ready, but signing in failed. Please sign in.');
        return;
      }
      window.location.assign('/inbox');
    },
  });
  const e = form.fieldErrors;
  return (
    <form onSubmit={form.onSubmit} noValidate className="mt-6 space-y-4">
      {form.error && Object.keys(form.fieldErrors).length === 0 ? <Alert>{form.error}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <TextField label="Your name" name="name" autoComplete="name" required error={e.name} />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required error={e.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={e.password}
      />
      <TextField label="Workspace name" name="workspaceName" autoComplete="organization" placeholder="Acme Support" required error={e.workspaceName} />
      <Button type="submit" pending={form.pending || ((form.result?.ok ?? false) && !signInError)} className="w-full">
        Create workspace
      </Button>
    </form>
  );
}

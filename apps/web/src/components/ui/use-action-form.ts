'use client';

import { useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/server/auth/action-result';

/**
 * Submits a form to a server action without React's form-action reset, so what the user
 * typed stays in the fields when the server answers with errors.
 */
export function useActionForm<T>(
  action: (formData: FormData) => Promise<ActionResult<T>>,
  opts: { onSuccess?: (data: T, form: HTMLFormElement, formData: FormData) => void | Promise<void> } = {},
) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      const r = await action(formData);
      setResult(r);
      if (r.ok) await opts.onSuccess?.(r.data, form, formData);
    });
  }
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const error = result && !result.ok ? result.error : null;
  return { onSubmit, pending, result, error, fieldErrors, reset: () => setResult(null) };
}

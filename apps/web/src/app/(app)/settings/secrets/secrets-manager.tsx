'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteSecretAction, setSecretAction } from './actions';

export function SecretsManager({ secrets }: { secrets: Array<{ name: string; updatedAt: string }> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useActionForm(setSecretAction, {
    onSuccess(_data, formEl) {
      formEl.reset();
    },
  });
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Add or replace a secret" description="Saving an existing name replaces its value." />
        <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-3 px-5 py-4">
          <TextField label="Name" name="name" placeholder="e.g. CRM_TOKEN" error={form.fieldErrors.name} className="max-w-xs flex-1" />
          <TextField label="Value" name="value" type="password" autoComplete="off" error={form.fieldErrors.value} className="max-w-sm flex-1" />
          <Button type="submit" pending={form.pending} className="mt-7">
            Save secret
          </Button>
        </form>
        {form.error && !Object.keys(form.fieldErrors).length ? <Alert>{form.error}</Alert> : null}
        {form.result?.ok ? <p className="px-5 pb-4 text-xs text-emerald-600">Saved</p> : null}
      </Card>
      {error ? <Alert>{error}</Alert> : null}
      {secrets.length === 0 ? (
        <EmptyState title="No secrets yet">Add one above, then use it in an HTTP request step as {'{{secret.NAME}}'}.</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="secrets-list">
            {secrets.map((s) => (
              <li key={s.name} className="flex items-center justify-between px-5 py-3">
                <span>
                  <code className="font-mono text-sm text-slate-900">{`{{secret.${s.name}}}`}</code>
                  <span className="ml-3 text-xs text-slate-500">
                    updated <LocalTime iso={s.updatedAt} />
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="danger"
                  pending={pending}
                  onClick={() => {
                    if (!window.confirm(`Delete ${s.name}? Steps using it will fail until it is added again.`)) return;
                    start(async () => {
                      const r = await deleteSecretAction(s.name);
                      if (r.ok) router.refresh();
                      else setError(r.error);
                    });
                  }}
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

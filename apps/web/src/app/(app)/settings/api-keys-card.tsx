'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { TextField } from '@/components/ui/field';
import { CopyButton } from '@/components/ui/copy-button';
import { LocalTime } from '@/components/ui/local-time';
import { useActionForm } from '@/components/ui/use-action-form';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

type Key = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdByName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function ApiKeysCard({ keys, scopes }: { keys: Key[]; scopes: Array<{ scope: string; label: string }> }) {
  const [created, setCreated] = useState<{ name: string; plaintext: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useActionForm(createApiKeyAction, {
    onSuccess(data, formEl) {
      setCreated(data);
      formEl.reset();
    },
  });
  return (
    <Card>
      <CardHeader
        title="API keys"
        description={
          <>
            For the REST API under <code className="rounded bg-slate-100 px-1 text-slate-700 text-xs">/api/v1</code>. Send it as{' '}
            <code className="rounded bg-slate-100 px-1 text-slate-700 text-xs">Authorization: Bearer bk_live_…</code>.{' '}
            <a href="/api/docs" className="font-medium text-brand-600 hover:text-brand-700">
              API reference
            </a>
          </>
        }
      />
      <div className="space-y-4 px-5 py-4">
        <form onSubmit={form.onSubmit} noValidate className="space-y-3">
          <div className="flex flex-wrap items-start gap-3">
            <TextField label="Key name" name="name" placeholder="e.g. CRM sync" error={form.fieldErrors.name} className="max-w-sm flex-1" />
            <Button type="submit" pending={form.pending} className="mt-7">
              Create key
            </Button>
          </div>
          <fieldset aria-describedby={form.fieldErrors.scopes ? 'api-key-scopes-error' : undefined}>
            <legend className="text-sm font-medium text-slate-700">What the key may do</legend>
            <div className="mt-1.5 grid gap-1 sm:grid-cols-2">
              {scopes.map((s) => (
                <label key={s.scope} className="flex items-start gap-2 text-sm text-slate-700">
                  {/* Read scopes ticked by default; write and manage are chosen on purpose. */}
                  <input type="checkbox" name="scopes" value={s.scope} defaultChecked={s.scope.endsWith(':read')} data-testid={`api-key-scope-${s.scope}`} className="mt-0.5" />
                  <span>
                    <code className="text-xs text-slate-800">{s.scope}</code> <span className="text-slate-600">{s.label}</span>
                  </span>
                </label>
              ))}
            </div>
            {form.fieldErrors.scopes ? (
              <p id="api-key-scopes-error" className="mt-1 text-xs text-red-600">
                {form.fieldErrors.scopes}
              </p>
            ) : null}
          </fieldset>
        </form>
        {form.error && !form.fieldErrors.name && !form.fieldErrors.scopes ? <Alert>{form.error}</Alert> : null}
        {created ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3">
            <p className="text-sm font-medium text-amber-900">Copy the key &ldquo;{created.name}&rdquo; now. You won&apos;t see it again.</p>
            <p className="mt-0.5 text-xs text-amber-800">Baton stores only a hash of it. If you lose it, revoke it and create a new one.</p>
            <div className="mt-2 flex items-center gap-2">
              <input
                readOnly
                aria-label="New API key"
                value={created.plaintext}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-amber-300"
              />
              <CopyButton value={created.plaintext} />
              <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
      </div>
      {keys.length === 0 ? (
        <p className="border-t border-slate-200 px-5 py-5 text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <div className="overflow-x-auto border-t border-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-5 py-2.5 font-medium">Name</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Key</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Scopes</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Created</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Last used</th>
                <th scope="col" className="px-5 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'text-slate-500' : ''}>
                  <td className="px-5 py-3 font-medium text-slate-900">
                    {k.name} {k.revokedAt ? <Badge tone="red">Revoked</Badge> : null}
                  </td>
                  <td className="px-3 py-3 font-mono text-xs">{k.prefix}…</td>
                  <td className="px-3 py-3" data-testid="api-key-scopes">
                    <ul className="flex flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
                          {s}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-3 py-3 text-slate-600">
                    <LocalTime iso={k.createdAt} mode="date" />
                    {k.createdByName ? <span className="text-slate-500"> by {k.createdByName}</span> : null}
                  </td>
                  <td className="px-3 py-3 text-slate-600">
                    <LocalTime iso={k.lastUsedAt} fallback="Never" />
                  </td>
                  <td className="px-5 py-3 text-right">
                    {k.revokedAt ? null : (
                      <Button
                        size="sm"
                        variant="danger"
                        disabled={pending}
                        onClick={() => {
                          if (!confirm(`Revoke "${k.name}"? Anything using it stops working immediately.`)) return;
                          startTransition(async () => {
                            const r = await revokeApiKeyAction(k.id);
                            setError(r.ok ? null : r.error);
                          });
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

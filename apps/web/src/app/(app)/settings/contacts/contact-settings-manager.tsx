'use client';

import { useState, useTransition } from 'react';
import type { ContactFieldDefinition } from '@baton/engine';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { createContactFieldAction, createTagAction, deleteContactFieldAction, deleteTagAction } from './actions';

const TYPES = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'select', label: 'Select (one of a list)' },
  { value: 'date', label: 'Date' },
];

function FieldsCard({ fields }: { fields: ContactFieldDefinition[] }) {
  const [type, setType] = useState('text');
  const form = useActionForm(createContactFieldAction, { onSuccess: (_d, f) => f.reset() });
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader title="Contact fields" description="Each field has a key (used by the API and workflows) and a type values are checked against." />
      <div className="px-5 py-4">
        {fields.length === 0 ? (
          <p className="text-sm text-slate-500">No contact fields yet. Add one below, e.g. “language” (text) or “plan” (select).</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="contact-field-list">
            {fields.map((f) => (
              <li key={f.key} className="flex items-center justify-between gap-3 py-2 text-sm" data-testid={`contact-field-${f.key}`}>
                <span>
                  <span className="font-medium text-slate-900">{f.label}</span> <code className="text-xs text-slate-500">{f.key}</code>{' '}
                  <span className="text-xs text-slate-500">· {f.type}{f.type === 'select' ? `: ${f.options.join(', ')}` : ''}</span>
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  pending={pending}
                  onClick={() => {
                    if (!window.confirm(`Delete the field “${f.label}”? Values already stored on contacts stay, but can no longer be set.`)) return;
                    start(async () => {
                      const r = await deleteContactFieldAction(f.key);
                      setError(r.ok ? null : r.error);
                    });
                  }}
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        )}
        {error ? <p className="mt-2 text-xs text-red-600">{error}</p> : null}
        <form onSubmit={form.onSubmit} className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2" data-testid="contact-field-form">
          <TextField name="label" label="Label" placeholder="Language" error={form.fieldErrors.label} required />
          <TextField name="key" label="Key" placeholder="language" error={form.fieldErrors.key} hint="lowercase letters, digits and _" required />
          <div>
            <label htmlFor="contact-field-type" className="block text-sm font-medium text-slate-700">
              Type
            </label>
            <select
              id="contact-field-type"
              name="type"
              value={type}
              onChange={(e) => setType(e.target.value)}
              className="mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset"
            >
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          {type === 'select' ? (
            <TextField name="options" label="Options" placeholder="Free, Pro, Enterprise" hint="comma-separated" error={form.fieldErrors.options} />
          ) : (
            <div />
          )}
          <div className="sm:col-span-2">
            {form.error ? <p className="mb-2 text-xs text-red-600">{form.error}</p> : null}
            <Button type="submit" pending={form.pending}>
              Add field
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function TagsCard({ tags }: { tags: string[] }) {
  const form = useActionForm(createTagAction, { onSuccess: (_d, f) => f.reset() });
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader title="Tags" description="Tags agents, the API and workflows may put on contacts. Skills routing matches them against members' skills." />
      <div className="px-5 py-4">
        <div className="flex flex-wrap gap-1.5" data-testid="tag-list">
          {tags.length === 0 ? <p className="text-sm text-slate-500">No tags yet.</p> : null}
          {tags.map((t) => (
            <span key={t} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs text-slate-700">
              {t}
              <button
                type="button"
                aria-label={`Delete tag ${t}`}
                disabled={pending}
                onClick={() => {
                  if (!window.confirm(`Delete the tag “${t}”? Contacts keep it, but it can no longer be added.`)) return;
                  start(async () => {
                    const r = await deleteTagAction(t);
                    setError(r.ok ? null : r.error);
                  });
                }}
                className="rounded-full px-1 hover:bg-slate-200"
              >
                ✕
              </button>
            </span>
          ))}
        </div>
        {error ? <p className="mt-2 text-xs text-red-600">{error}</p> : null}
        <form onSubmit={form.onSubmit} className="mt-4 flex items-end gap-2 border-t border-slate-100 pt-4" data-testid="tag-form">
          <TextField name="name" label="New tag" placeholder="vip" error={form.fieldErrors.name ?? form.error ?? undefined} className="flex-1" required />
          <Button type="submit" pending={form.pending}>
            Add tag
          </Button>
        </form>
      </div>
    </Card>
  );
}

export function ContactSettingsManager({ fields, tags }: { fields: ContactFieldDefinition[]; tags: string[] }) {
  return (
    <div className="space-y-6">
      <FieldsCard fields={fields} />
      <TagsCard tags={tags} />
    </div>
  );
}

'use client';

import { useEffect, useState, useTransition } from 'react';
import { Dropdown } from '@/components/ui/dropdown';
import { mergeServerFields, sameFields } from './contact-field-draft';
import type { ContactSchema, ContactUpdate, ConversationView, Option } from './inbox-types';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const control =
  'block w-full rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 focus:outline-none disabled:bg-slate-50';

type Props = {
  conversation: ConversationView;
  schema: ContactSchema;
  workflows: Option[];
  /** Resolves to an error message, or null when it was saved. */
  onUpdate: (update: ContactUpdate) => Promise<string | null>;
  onRunWorkflow: (workflowId: string) => Promise<string | null>;
};

/** The conversation's contact: fields, tags and priority agents edit, and the "Run workflow" menu. */
export function ContactPanel({ conversation: c, schema, workflows, onUpdate, onRunWorkflow }: Props) {
  const [draft, setDraft] = useState<Record<string, string>>(c.contact.fields);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // A live refresh brings the server's fields (a new message, a workflow setting a field): a field
  // the agent has not touched takes the server's value, one they are editing keeps their text.
  // Another conversation starts from its own fields.
  const [base, setBase] = useState({ id: c.id, fields: c.contact.fields });
  useEffect(() => {
    if (base.id === c.id && sameFields(base.fields, c.contact.fields)) return;
    const untouched = base.id === c.id ? base.fields : null;
    setDraft((d) => mergeServerFields(d, untouched, c.contact.fields));
    setBase({ id: c.id, fields: c.contact.fields });
  }, [c.id, c.contact.fields, base]);

  const save = (update: ContactUpdate, done?: string) =>
    start(async () => {
      const e = await onUpdate(update);
      setError(e);
      setNotice(e ? null : (done ?? null));
    });
  const changed = schema.fields.filter((f) => (draft[f.key] ?? '') !== (c.contact.fields[f.key] ?? ''));
  const missingTags = schema.tags.filter((t) => !c.contact.tags.includes(t));

  return (
    <aside className="flex w-64 shrink-0 flex-col gap-5 overflow-y-auto border-l border-slate-200 bg-white px-4 py-4" aria-label="Contact" data-testid="contact-panel">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Contact</h3>
        <Dropdown
          label="Run workflow"
          align="right"
          className="w-auto"
          trigger={<span className="text-xs font-medium text-brand-700" data-testid="run-workflow-menu">Run workflow ▾</span>}
        >
          {(close) =>
            workflows.length === 0 ? (
              <p className="px-2 py-1.5 text-xs text-slate-500">No published workflow has a manual trigger.</p>
            ) : (
              workflows.map((w) => (
                <button
                  key={w.id}
                  type="button"
                  role="menuitem"
                  data-testid={`run-workflow-${w.id}`}
                  onClick={() => {
                    close();
                    start(async () => {
                      const e = await onRunWorkflow(w.id);
                      setError(e);
                      setNotice(e ? null : `Started “${w.name}”.`);
                    });
                  }}
                  className="block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
                >
                  {w.name}
                </button>
              ))
            )
          }
        </Dropdown>
      </div>

      <label className="block text-xs font-medium text-slate-600">
        Priority
        <select
          data-testid="priority-select"
          value={c.priority}
          disabled={pending}
          onChange={(e) => save({ priority: e.target.value as ConversationView['priority'] })}
          className={`mt-1 ${control}`}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p[0]!.toUpperCase() + p.slice(1)}
            </option>
          ))}
        </select>
      </label>

      <div>
        <p className="mb-1.5 text-xs font-medium text-slate-600">Tags</p>
        <div className="flex flex-wrap gap-1.5" data-testid="contact-tags">
          {c.contact.tags.map((t) => (
            <span key={t} className="inline-flex items-center gap-1 rounded-full bg-fuchsia-50 py-0.5 pr-1 pl-2 text-xs text-fuchsia-800 ring-1 ring-fuchsia-100">
              {t}
              <button type="button" aria-label={`Remove tag ${t}`} disabled={pending} onClick={() => save({ removeTags: [t] })} className="rounded-full px-1 hover:bg-fuchsia-100">
                ✕
              </button>
            </span>
          ))}
          {missingTags.length ? (
            <select
              aria-label="Add tag"
              data-testid="contact-tag-add"
              value=""
              disabled={pending}
              onChange={(e) => e.target.value && save({ addTags: [e.target.value] })}
              className="rounded-full border-0 bg-white py-0.5 pr-7 pl-2 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset"
            >
              <option value="">+ Add tag…</option>
              {missingTags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          ) : null}
          {schema.tags.length === 0 && c.contact.tags.length === 0 ? <p className="text-xs text-slate-500">No tags defined (Settings → Contact fields & tags).</p> : null}
        </div>
      </div>

      <form
        className="space-y-3"
        data-testid="contact-fields-form"
        onSubmit={(e) => {
          e.preventDefault();
          save({ fields: Object.fromEntries(changed.map((f) => [f.key, draft[f.key] ? draft[f.key]! : null])) }, 'Saved.');
        }}
      >
        <p className="text-xs font-medium text-slate-600">Fields</p>
        {schema.fields.length === 0 ? <p className="text-xs text-slate-500">No contact fields defined.</p> : null}
        {schema.fields.map((f) => {
          const value = draft[f.key] ?? '';
          const set = (v: string) => setDraft((d) => ({ ...d, [f.key]: v }));
          return (
            <label key={f.key} className="block text-xs text-slate-600">
              {f.label}
              {f.type === 'select' ? (
                <select data-testid={`contact-field-input-${f.key}`} value={value} onChange={(e) => set(e.target.value)} className={`mt-1 ${control}`}>
                  <option value="">—</option>
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  data-testid={`contact-field-input-${f.key}`}
                  type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                  step={f.type === 'number' ? 'any' : undefined}
                  value={value}
                  maxLength={500}
                  onChange={(e) => set(e.target.value)}
                  className={`mt-1 ${control}`}
                />
              )}
            </label>
          );
        })}
        {schema.fields.length ? (
          <button
            type="submit"
            data-testid="contact-fields-save"
            disabled={pending || changed.length === 0}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-xs font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-50"
          >
            Save fields
          </button>
        ) : null}
      </form>
      {error ? (
        <p role="alert" className="text-xs text-red-600" data-testid="contact-panel-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="text-xs text-emerald-700" data-testid="contact-panel-notice">
          {notice}
        </p>
      ) : null}
    </aside>
  );
}

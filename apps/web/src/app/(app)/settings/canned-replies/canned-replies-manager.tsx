'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { createCannedReplyAction, deleteCannedReplyAction, updateCannedReplyAction } from './actions';

type Reply = { id: string; name: string; shortcut: string; body: string };

function ReplyForm({ reply, variables, onDone }: { reply?: Reply; variables: string[]; onDone?: () => void }) {
  const form = useActionForm(reply ? updateCannedReplyAction : createCannedReplyAction, {
    onSuccess: (_d, f) => {
      if (!reply) f.reset();
      onDone?.();
    },
  });
  const prefix = reply ? `canned-${reply.id}` : 'canned-new';
  const bodyError = form.fieldErrors.body;
  const otherError = form.error && !form.fieldErrors.name && !form.fieldErrors.shortcut && !bodyError ? form.error : null;
  return (
    <form onSubmit={form.onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" data-testid={reply ? 'canned-reply-edit-form' : 'canned-reply-form'}>
      {reply ? <input type="hidden" name="id" value={reply.id} /> : null}
      <TextField name="name" label="Name" placeholder="Greeting" defaultValue={reply?.name} error={form.fieldErrors.name} required />
      <TextField name="shortcut" label="Shortcut" placeholder="hello" defaultValue={reply?.shortcut} error={form.fieldErrors.shortcut} hint="typed after / in the composer" required />
      <div className="sm:col-span-2">
        <label htmlFor={`${prefix}-body`} className="block text-sm font-medium text-slate-700">
          Text
        </label>
        <textarea
          id={`${prefix}-body`}
          name="body"
          rows={3}
          defaultValue={reply?.body}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${prefix}-body-hint`}
          placeholder="Hi {{contact.name}}, thanks for writing in. {{agent.name}} here."
          className={`mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none ${bodyError ? 'ring-red-400' : 'ring-slate-300'}`}
        />
        <p id={`${prefix}-body-hint`} className={`mt-1 text-xs ${bodyError ? 'text-red-600' : 'text-slate-500'}`}>
          {bodyError ?? `Variables: ${variables.map((v) => `{{${v}}}`).join(', ')}`}
        </p>
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <Button type="submit" pending={form.pending}>
          {reply ? 'Save' : 'Add canned reply'}
        </Button>
        {reply ? (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
        {otherError ? <p className="text-xs text-red-600">{otherError}</p> : null}
      </div>
    </form>
  );
}

export function CannedRepliesManager({ replies, variables }: { replies: Reply[]; variables: string[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Canned replies" description="Agents type / in the reply box to pick one; Enter inserts it with the variables filled in." />
        <div className="px-5 py-4">
          {replies.length === 0 ? (
            <p className="text-sm text-slate-500">No canned replies yet. Add one below.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="canned-reply-list">
              {replies.map((r) => (
                <li key={r.id} className="py-3" data-testid={`canned-reply-${r.shortcut}`}>
                  {editing === r.id ? (
                    <ReplyForm reply={r} variables={variables} onDone={() => setEditing(null)} />
                  ) : (
                    <div className="flex items-start justify-between gap-3 text-sm">
                      <div className="min-w-0">
                        <p>
                          <span className="font-medium text-slate-900">{r.name}</span> <code className="text-xs text-slate-600">/{r.shortcut}</code>
                        </p>
                        <p className="mt-0.5 whitespace-pre-wrap text-slate-600">{r.body}</p>
                      </div>
                      <div className="flex shrink-0 gap-2">
                        <Button size="sm" variant="secondary" onClick={() => setEditing(r.id)} aria-label={`Edit /${r.shortcut}`}>
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="danger"
                          disabled={pending}
                          aria-label={`Delete /${r.shortcut}`}
                          onClick={() => {
                            if (!window.confirm(`Delete the canned reply “${r.name}”?`)) return;
                            start(async () => {
                              const res = await deleteCannedReplyAction(r.id);
                              setError(res.ok ? null : res.error);
                            });
                          }}
                        >
                          Delete
                        </Button>
                      </div>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {error ? <p className="mt-2 text-xs text-red-600">{error}</p> : null}
        </div>
      </Card>
      <Card>
        <CardHeader title="New canned reply" />
        <div className="px-5 py-4">
          <ReplyForm variables={variables} />
        </div>
      </Card>
    </div>
  );
}

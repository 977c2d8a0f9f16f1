'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { SelectField, TextField } from '@/components/ui/field';
import { CopyButton } from '@/components/ui/copy-button';
import { LocalTime } from '@/components/ui/local-time';
import { useActionForm } from '@/components/ui/use-action-form';
import { inviteMember, revokeInvitationAction } from './actions';

type Invitation = { id: string; email: string; role: string; invitedByName: string | null; expiresAt: string };

export function InvitationsCard({ invitations, viewerRole }: { invitations: Invitation[]; viewerRole: string }) {
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useActionForm(inviteMember, {
    onSuccess(data, formEl) {
      setLink({ email: data.email, url: `${window.location.origin}/invite/${data.token}` });
      formEl.reset();
    },
  });
  const roles = [
    ...(viewerRole === 'owner' ? [{ value: 'owner', label: 'Owner' }] : []),
    { value: 'admin', label: 'Admin' },
    { value: 'lead', label: 'Lead' },
    { value: 'agent', label: 'Agent' },
  ];
  return (
    <Card>
      <CardHeader title="Invite people" description="Invitations are valid for 7 days. Send the link yourself; Baton does not email it." />
      <div className="space-y-4 px-5 py-4">
        <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-3">
          <TextField label="Email" name="email" type="email" placeholder="teammate@company.com" error={form.fieldErrors.email} className="min-w-64 flex-1" />
          <SelectField label="Role" name="role" defaultValue="agent" options={roles} error={form.fieldErrors.role} className="w-36" />
          <Button type="submit" pending={form.pending} className="mt-7">
            Create invite link
          </Button>
        </form>
        {form.error && !form.fieldErrors.email && !form.fieldErrors.role ? <Alert>{form.error}</Alert> : null}
        {link ? (
          <div className="rounded-md border border-brand-100 bg-brand-50 p-3">
            <p className="text-sm text-slate-700">
              Invite link for <strong className="font-medium">{link.email}</strong>. Copy it now: it is shown only once.
            </p>
            <div className="mt-2 flex items-center gap-2">
              <input
                readOnly
                aria-label="Invite link"
                value={link.url}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-1.5 font-mono text-xs text-slate-700 ring-1 ring-slate-300"
              />
              <CopyButton value={link.url} />
            </div>
          </div>
        ) : null}
      </div>
      <div className="border-t border-slate-200">
        <h3 className="px-5 pt-4 text-sm font-semibold text-slate-900">Pending invitations</h3>
        {revokeError ? (
          <div className="px-5 pt-2">
            <Alert>{revokeError}</Alert>
          </div>
        ) : null}
        {invitations.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">No pending invitations.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm">
                <span className="font-medium text-slate-900">{inv.email}</span>
                <Badge>{inv.role}</Badge>
                <span className="text-slate-500">
                  {inv.invitedByName ? `by ${inv.invitedByName} · ` : ''}expires <LocalTime iso={inv.expiresAt} />
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={pending}
                  onClick={() => {
                    if (!confirm(`Revoke the invitation for ${inv.email}? The link stops working.`)) return;
                    startTransition(async () => {
                      const r = await revokeInvitationAction(inv.id);
                      setRevokeError(r.ok ? null : r.error);
                    });
                  }}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

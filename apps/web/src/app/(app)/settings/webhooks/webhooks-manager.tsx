'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { TextField } from '@/components/ui/field';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { useActionForm } from '@/components/ui/use-action-form';
import { createWebhookAction, deleteWebhookAction, resendWebhookDeliveryAction, rotateWebhookSecretAction, updateWebhookAction } from './actions';

type EventType = { type: string; label: string };
type Delivery = {
  id: string;
  eventType: string;
  eventId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
};
type Subscription = { id: string; name: string; url: string; events: string[]; active: boolean; deliveries: Delivery[] };

function Secret({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 rounded-md border-0 bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
      />
      <CopyButton value={value} />
    </div>
  );
}

function EventChoices({ eventTypes, selected, error, prefix }: { eventTypes: EventType[]; selected: string[]; error?: string; prefix: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Events</legend>
      <div className="mt-1.5 grid gap-1 sm:grid-cols-2">
        {eventTypes.map((e) => (
          <label key={e.type} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="events" value={e.type} defaultChecked={selected.includes(e.type)} data-testid={`${prefix}-event-${e.type}`} />
            <span>
              {e.label} <code className="text-xs text-slate-500">{e.type}</code>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}

const statusTone = { delivered: 'green', pending: 'amber', failed: 'red' } as const;

function DeliveryLog({ deliveries }: { deliveries: Delivery[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No deliveries yet.</p>;
  return (
    <div className="overflow-x-auto">
      {error ? <Alert>{error}</Alert> : null}
      <table className="w-full text-left text-sm" data-testid="webhook-delivery-log">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Event</th>
            <th className="py-1 pr-3 font-medium">Status</th>
            <th className="py-1 pr-3 font-medium">Attempts</th>
            <th className="py-1 pr-3 font-medium">Last answer</th>
            <th className="py-1 pr-3 font-medium">Created</th>
            <th className="py-1 font-medium" />
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} className="border-t border-slate-100" data-testid={`webhook-delivery-${d.id}`}>
              <td className="py-1.5 pr-3 font-mono text-xs">{d.eventType}</td>
              <td className="py-1.5 pr-3">
                <Badge tone={statusTone[d.status as keyof typeof statusTone] ?? 'slate'}>{d.status}</Badge>
                {d.status === 'pending' && d.attempts > 0 ? (
                  <span className="ml-1 text-xs text-slate-500">
                    next try <LocalTime iso={d.nextAttemptAt} />
                  </span>
                ) : null}
              </td>
              <td className="py-1.5 pr-3">{d.attempts}</td>
              <td className="py-1.5 pr-3 text-xs text-slate-600">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</td>
              <td className="py-1.5 pr-3 text-xs text-slate-600">
                <LocalTime iso={d.createdAt} />
              </td>
              <td className="py-1.5 text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  pending={pending}
                  disabled={d.status === 'pending'}
                  onClick={() =>
                    start(async () => {
                      const r = await resendWebhookDeliveryAction(d.id);
                      if (r.ok) router.refresh();
                      else setError(r.error);
                    })
                  }
                >
                  Resend
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SubscriptionCard({ subscription, eventTypes }: { subscription: Subscription; eventTypes: EventType[] }) {
  const form = useActionForm(updateWebhookAction);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <Card>
      <CardHeader title={subscription.name} description={subscription.active ? 'Active' : 'Paused'} />
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
        <form onSubmit={form.onSubmit} noValidate className="space-y-3">
          <input type="hidden" name="subscriptionId" value={subscription.id} />
          <TextField label="Name" name="name" defaultValue={subscription.name} error={form.fieldErrors.name} />
          <TextField label="URL" name="url" type="url" defaultValue={subscription.url} error={form.fieldErrors.url} />
          <EventChoices eventTypes={eventTypes} selected={subscription.events} error={form.fieldErrors.events} prefix={`webhook-${subscription.id}`} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="hidden" name="active" value="false" />
            <input type="checkbox" name="active" value="true" defaultChecked={subscription.active} /> Active
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" pending={form.pending}>
              Save
            </Button>
            <Button
              type="button"
              variant="danger"
              pending={pending}
              onClick={() => {
                if (!window.confirm('Rotate the signing secret? Your receiver must switch to the new one to verify deliveries.')) return;
                start(async () => {
                  const r = await rotateWebhookSecretAction(subscription.id);
                  if (r.ok) setSecret(r.data.secret);
                  else setError(r.error);
                });
              }}
            >
              Rotate secret
            </Button>
            <Button
              type="button"
              variant="secondary"
              pending={pending}
              onClick={() => {
                if (!window.confirm(`Delete “${subscription.name}” and its delivery log?`)) return;
                start(async () => {
                  const r = await deleteWebhookAction(subscription.id);
                  if (r.ok) router.refresh();
                  else setError(r.error);
                });
              }}
            >
              Delete
            </Button>
            {form.result?.ok ? <span className="text-xs text-emerald-600">Saved</span> : null}
          </div>
          {form.error && !Object.keys(form.fieldErrors).length ? <Alert>{form.error}</Alert> : null}
          {secret ? (
            <div>
              <Secret value={secret} label="New signing secret" />
              <p className="mt-2 text-xs text-amber-700">Copy it into your receiver now: it is not shown again, and the old one no longer verifies.</p>
            </div>
          ) : null}
          {error ? <p className="text-xs text-red-600">{error}</p> : null}
        </form>
        <div>
          <p className="mb-2 text-xs font-medium text-slate-600">Recent deliveries</p>
          <DeliveryLog deliveries={subscription.deliveries} />
        </div>
      </div>
    </Card>
  );
}

export function WebhooksManager({ subscriptions, eventTypes }: { subscriptions: Subscription[]; eventTypes: EventType[] }) {
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const form = useActionForm(createWebhookAction, {
    onSuccess(data, formEl) {
      setCreated(data);
      formEl.reset();
    },
  });
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="New subscription"
          description="Each delivery is a POST with x-baton-timestamp, x-baton-signature (sha256=HMAC(secret, timestamp + '.' + body)), x-baton-event and x-baton-delivery (stable across retries: dedupe on it)."
        />
        <form onSubmit={form.onSubmit} noValidate className="space-y-3 px-5 py-4">
          <div className="flex flex-wrap gap-3">
            <TextField label="Name" name="name" placeholder="e.g. CRM sync" error={form.fieldErrors.name} className="max-w-xs flex-1" />
            <TextField label="URL" name="url" placeholder="https://…" error={form.fieldErrors.url} className="max-w-md flex-1" />
          </div>
          <EventChoices eventTypes={eventTypes} selected={[]} error={form.fieldErrors.events} prefix="new-webhook" />
          <Button type="submit" pending={form.pending}>
            Create subscription
          </Button>
          {form.error && !Object.keys(form.fieldErrors).length ? <Alert>{form.error}</Alert> : null}
        </form>
        {created ? (
          <div className="mx-5 mb-4 rounded-md border border-amber-200 bg-amber-50 p-3">
            <p className="text-sm font-medium text-amber-900">Subscription created. Your receiver verifies deliveries with this secret (shown only now):</p>
            <div className="mt-2">
              <Secret value={created.secret} label="New subscription signing secret" />
            </div>
          </div>
        ) : null}
      </Card>
      {subscriptions.length === 0 ? (
        <EmptyState title="No subscriptions yet">Create one above to receive conversation, message and run events.</EmptyState>
      ) : (
        subscriptions.map((s) => <SubscriptionCard key={s.id} subscription={s} eventTypes={eventTypes} />)
      )}
    </div>
  );
}

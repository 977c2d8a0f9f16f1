'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { useActionForm } from '@/components/ui/use-action-form';
import { createChannelAction, revealSecretAction, rotateOutboundSecretAction, rotateSecretAction, sendTestAction, updateChannelAction } from './actions';

type Channel = { id: string; name: string; outboundUrl: string | null; createdAt: string; sharesInboundSecret: boolean };

function Mono({ value, label }: { value: string; label: string }) {
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

function SecretRow({ channelId }: { channelId: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-600">Signing secret</p>
      {secret ? (
        <Mono value={secret} label="Channel secret" />
      ) : (
        <p className="font-mono text-xs tracking-widest text-slate-500">whsec_••••••••••••••••</p>
      )}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          pending={pending}
          onClick={() =>
            start(async () => {
              const r = await revealSecretAction(channelId);
              if (r.ok) setSecret(secret ? null : r.data.secret);
              else setError(r.error);
            })
          }
        >
          {secret ? 'Hide' : 'Reveal'}
        </Button>
        <Button
          size="sm"
          variant="danger"
          pending={pending}
          onClick={() => {
            if (!window.confirm('Rotate the secret? The old one stops working immediately; your sender must switch to the new one.')) return;
            start(async () => {
              const r = await rotateSecretAction(channelId);
              if (r.ok) {
                setSecret(r.data.secret);
                setMessage('New secret created. Copy it into your sender now: the old one no longer works.');
              } else setError(r.error);
            });
          }}
        >
          Rotate secret
        </Button>
      </div>
      {message ? <p className="mt-2 text-xs text-amber-700">{message}</p> : null}
      {error ? <p className="mt-2 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

/** Shown once, on rotation: the receiver of deliveries verifies with it; Baton never shows it again. */
function OutboundSecretRow({ channelId, sharesInboundSecret }: { channelId: string; sharesInboundSecret: boolean }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-600">Outbound signing secret</p>
      {secret ? (
        <>
          <Mono value={secret} label="Outbound signing secret" />
          <p className="mt-2 text-xs text-amber-700">Copy it into your receiver now: it is not shown again, and the old one no longer verifies.</p>
        </>
      ) : sharesInboundSecret ? (
        <p className="text-xs text-amber-700" role="status">
          Deliveries are still signed with this channel&apos;s inbound secret (it was created before channels had a separate outbound
          secret). Whoever receives them could also forge inbound messages: rotate to give deliveries their own secret, then update your
          receiver.
        </p>
      ) : (
        <p className="text-xs text-slate-500">
          Deliveries to the outbound URL are signed with a separate secret (same headers as inbound). It was shown when the channel was
          created; rotate to get a new one.
        </p>
      )}
      <div className="mt-2">
        <Button
          size="sm"
          variant="danger"
          pending={pending}
          onClick={() => {
            if (!window.confirm('Rotate the outbound signing secret? Your receiver must switch to the new one to verify deliveries.')) return;
            start(async () => {
              const r = await rotateOutboundSecretAction(channelId);
              if (r.ok) setSecret(r.data.outboundSecret);
              else setError(r.error);
            });
          }}
        >
          Rotate outbound secret
        </Button>
      </div>
      {error ? <p className="mt-2 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function ChannelCard({ channel, origin }: { channel: Channel; origin: string }) {
  const form = useActionForm(updateChannelAction);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, start] = useTransition();
  const endpoint = `${origin}/api/v1/channels/${channel.id}/messages`;
  return (
    <Card>
      <CardHeader title={channel.name} description="Custom channel" />
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
        <div className="space-y-4">
          <div>
            <p className="mb-1 text-xs font-medium text-slate-600">Channel id</p>
            <Mono value={channel.id} label="Channel id" />
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-slate-600">Inbound endpoint</p>
            <Mono value={endpoint} label="Inbound endpoint" />
            <p className="mt-1 text-xs text-slate-500">
              POST JSON <code className="rounded bg-slate-100 px-1 text-slate-700">{'{ contact: { externalId, name }, text, externalId }'}</code> with{' '}
              <code className="rounded bg-slate-100 px-1 text-slate-700">x-baton-timestamp</code> (unix seconds) and{' '}
              <code className="rounded bg-slate-100 px-1 text-slate-700">x-baton-signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code>. Repeated{' '}
              <code className="rounded bg-slate-100 px-1 text-slate-700">externalId</code>s are stored once.
            </p>
          </div>
          <SecretRow channelId={channel.id} />
          <OutboundSecretRow channelId={channel.id} sharesInboundSecret={channel.sharesInboundSecret} />
        </div>
        <div>
          <form onSubmit={form.onSubmit} noValidate className="space-y-3">
            <input type="hidden" name="channelId" value={channel.id} />
            <TextField label="Name" name="name" defaultValue={channel.name} error={form.fieldErrors.name} />
            <TextField
              label="Outbound URL"
              name="outboundUrl"
              type="url"
              placeholder="https://example.com/hooks/baton"
              defaultValue={channel.outboundUrl ?? ''}
              error={form.fieldErrors.outboundUrl}
              hint="Agents' replies are POSTed here as signed JSON, retried with backoff. Leave empty to keep replies inside Baton."
            />
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" pending={form.pending}>
                Save
              </Button>
              <Button
                type="button"
                variant="secondary"
                pending={testing}
                disabled={!channel.outboundUrl}
                title={channel.outboundUrl ? undefined : 'Save an outbound URL first'}
                onClick={() =>
                  start(async () => {
                    const r = await sendTestAction(channel.id);
                    setTest(r.ok ? { ok: true, text: `Delivered: the receiver answered HTTP ${r.data.status}.` } : { ok: false, text: r.error });
                  })
                }
              >
                Send test message
              </Button>
              {form.result?.ok ? <span className="text-xs text-emerald-600">Saved</span> : null}
            </div>
            {form.error && !Object.keys(form.fieldErrors).length ? <Alert>{form.error}</Alert> : null}
            {test ? (
              <p role="status" className={`text-xs ${test.ok ? 'text-emerald-700' : 'text-red-600'}`}>
                {test.text}
              </p>
            ) : null}
          </form>
        </div>
      </div>
    </Card>
  );
}

export function ChannelsManager({ channels, origin }: { channels: Channel[]; origin: string }) {
  const [created, setCreated] = useState<{ id: string; secret: string; outboundSecret: string } | null>(null);
  const form = useActionForm(createChannelAction, {
    onSuccess(data, formEl) {
      setCreated(data);
      formEl.reset();
    },
  });
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="New channel" description="Each channel has its own id and signing secret." />
        <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-3 px-5 py-4">
          <TextField label="Channel name" name="name" placeholder="e.g. WhatsApp via Twilio" error={form.fieldErrors.name} className="max-w-xs flex-1" />
          <TextField label="Outbound URL (optional)" name="outboundUrl" placeholder="https://…" error={form.fieldErrors.outboundUrl} className="max-w-sm flex-1" />
          <Button type="submit" pending={form.pending} className="mt-7">
            Create channel
          </Button>
        </form>
        {created ? (
          <div className="mx-5 mb-4 rounded-md border border-amber-200 bg-amber-50 p-3">
            <p className="text-sm font-medium text-amber-900">Channel created. Configure your sender with its id and secret:</p>
            <div className="mt-2 space-y-2">
              <Mono value={created.id} label="New channel id" />
              <Mono value={created.secret} label="New channel secret" />
            </div>
            <p className="mt-3 text-sm font-medium text-amber-900">Your receiver verifies deliveries with this outbound secret (shown only now):</p>
            <div className="mt-2">
              <Mono value={created.outboundSecret} label="New channel outbound secret" />
            </div>
          </div>
        ) : null}
      </Card>
      {channels.length === 0 ? (
        <EmptyState title="No channels yet">Create a channel above, then point your messaging source at its inbound endpoint.</EmptyState>
      ) : (
        // Keyed by id only: a refresh after saving must not remount the card and drop its "Saved".
        channels.map((c) => <ChannelCard key={c.id} channel={c} origin={origin} />)
      )}
    </div>
  );
}

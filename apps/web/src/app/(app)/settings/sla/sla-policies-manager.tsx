'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { slaKindLabels, slaKinds, targetSecondsOf, type SlaKind, type SlaPolicy } from '@baton/engine';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { SelectField, TextField } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/empty-state';
import { useActionForm } from '@/components/ui/use-action-form';
import { createSlaPolicyAction, deleteSlaPolicyAction, moveSlaPolicyAction, updateSlaPolicyAction } from './actions';

type Named = { id: string; name: string };
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** The three targets, one row each: form field, hint and test id per kind. */
const TARGET_ROWS: { kind: SlaKind; field: string; hint: string; testId: string }[] = [
  { kind: 'first_response', field: 'firstResponseMinutes', hint: 'Blank: no target', testId: 'first-response' },
  { kind: 'next_response', field: 'nextResponseMinutes', hint: 'From each customer message after a reply', testId: 'next-response' },
  { kind: 'resolution', field: 'resolutionMinutes', hint: 'Until closed; a reopen starts again', testId: 'resolution' },
];

const minutesOf = (seconds: number | null) => (seconds === null ? '' : String(Math.round((seconds / 60) * 100) / 100));
const hoursValue = (p: SlaPolicy | null) => (!p?.businessHours ? 'calendar' : p.businessHours.type === 'workspace' ? 'workspace' : `team:${p.businessHours.teamId}`);

function describeTarget(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function Checkboxes({ legend, name, options, selected, error, prefix }: { legend: string; name: string; options: Named[]; selected: string[]; error?: string; prefix: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {options.length === 0 ? <p className="mt-1 text-xs text-slate-500">None yet.</p> : null}
      <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name={name} value={o.id} defaultChecked={selected.includes(o.id)} data-testid={`${prefix}-${name}-${o.name}`} />
            {o.name}
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}

function PolicyForm({
  policy,
  teams,
  channels,
  onDone,
}: {
  policy: SlaPolicy | null;
  teams: Named[];
  channels: Named[];
  onDone: () => void;
}) {
  const router = useRouter();
  const prefix = policy ? `sla-edit-${policy.position}` : 'sla-new';
  const { onSubmit, pending, error, fieldErrors } = useActionForm(
    (fd: FormData) => (policy ? updateSlaPolicyAction(policy.id, fd) : createSlaPolicyAction(fd)),
    {
      onSuccess: (_d, form) => {
        if (!policy) form.reset();
        onDone();
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid={`${prefix}-form`}>
      {error ? <Alert>{error}</Alert> : null}
      <TextField label="Name" name="name" defaultValue={policy?.name ?? ''} error={fieldErrors.name} data-testid={`${prefix}-name`} />
      <div className="grid gap-4 sm:grid-cols-3">
        {TARGET_ROWS.map((row) => (
          <TextField
            key={row.kind}
            label={`${slaKindLabels[row.kind]} (minutes)`}
            name={row.field}
            inputMode="decimal"
            defaultValue={minutesOf(policy ? targetSecondsOf(policy.targets, row.kind) : null)}
            hint={row.hint}
            error={fieldErrors[row.field]}
            data-testid={`${prefix}-${row.testId}`}
          />
        ))}
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="pauseWhileWaitingOnCustomer"
          className="mt-0.5"
          defaultChecked={policy?.pauseWhileWaitingOnCustomer ?? false}
          data-testid={`${prefix}-pause-on-customer`}
        />
        <span>
          Pause while waiting on the customer
          <span className="block text-xs text-slate-500">The resolution clock stops while the last message is the agent&apos;s and counts on from the customer&apos;s reply.</span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Count time"
          name="hours"
          defaultValue={hoursValue(policy)}
          error={fieldErrors.hours}
          data-testid={`${prefix}-hours`}
          options={[
            { value: 'calendar', label: 'Calendar time (every minute)' },
            { value: 'workspace', label: 'Business hours (workspace)' },
            ...teams.map((t) => ({ value: `team:${t.id}`, label: `Business hours (${t.name})` })),
          ]}
        />
        <TextField
          label="Warn at (% of the target)"
          name="warningPercent"
          inputMode="decimal"
          defaultValue={String(policy?.warningPercent ?? 80)}
          error={fieldErrors.warningPercent}
          data-testid={`${prefix}-warning`}
        />
      </div>
      <div className="space-y-3 rounded-md bg-slate-50 p-3">
        <p className="text-sm text-slate-700">Applies to conversations matching every condition set below (none set: all conversations).</p>
        <Checkboxes legend="Channels" name="channelIds" options={channels} selected={policy?.conditions.channelIds ?? []} error={fieldErrors.channelIds} prefix={prefix} />
        <Checkboxes legend="Teams" name="teamIds" options={teams} selected={policy?.conditions.teamIds ?? []} error={fieldErrors.teamIds} prefix={prefix} />
        <Checkboxes
          legend="Priorities"
          name="priorities"
          options={PRIORITIES.map((p) => ({ id: p, name: p }))}
          selected={policy?.conditions.priorities ?? []}
          error={fieldErrors.priorities}
          prefix={prefix}
        />
        <TextField
          label="Contact tags (any of, comma-separated)"
          name="tags"
          defaultValue={policy?.conditions.tags.join(', ') ?? ''}
          error={fieldErrors.tags}
          data-testid={`${prefix}-tags`}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} data-testid={`${prefix}-save`}>
          {policy ? 'Save policy' : 'Add policy'}
        </Button>
        {policy ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function SlaPoliciesManager({ policies, teams, channels }: { policies: SlaPolicy[]; teams: Named[]; channels: Named[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'a removed team';
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      if (r.ok) router.refresh();
      else setError(r.error ?? 'Something went wrong');
    });
  const conditionText = (p: SlaPolicy) => {
    const parts = [
      p.conditions.channelIds.length ? `channel ${p.conditions.channelIds.map((id) => channels.find((c) => c.id === id)?.name ?? '?').join(' or ')}` : null,
      p.conditions.teamIds.length ? `team ${p.conditions.teamIds.map(teamName).join(' or ')}` : null,
      p.conditions.priorities.length ? `priority ${p.conditions.priorities.join(' or ')}` : null,
      p.conditions.tags.length ? `tagged ${p.conditions.tags.join(' or ')}` : null,
    ].filter(Boolean);
    return parts.length ? parts.join(' and ') : 'All conversations';
  };
  return (
    <div className="space-y-6">
      {error ? <Alert>{error}</Alert> : null}
      <Card>
        <CardHeader title="Policies, in order" description="The first policy that matches a conversation applies." />
        {policies.length === 0 ? (
          <div className="px-5 py-4">
            <EmptyState title="No SLA policies">Conversations have no SLA clocks until a policy matches them.</EmptyState>
          </div>
        ) : (
          <ol className="divide-y divide-slate-100 px-5" data-testid="sla-policy-list">
            {policies.map((p, i) => (
              <li key={p.id} className="py-3" data-testid={`sla-policy-${p.name}`}>
                {editing === p.id ? (
                  <PolicyForm policy={p} teams={teams} channels={channels} onDone={() => setEditing(null)} />
                ) : (
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <p className="font-medium text-slate-900">
                        {i + 1}. {p.name}
                      </p>
                      <p className="text-sm text-slate-600">{conditionText(p)}</p>
                      <p className="mt-1 flex flex-wrap gap-2 text-xs text-slate-600">
                        {slaKinds.map((kind) => (
                          <Badge key={kind} tone="slate">
                            {slaKindLabels[kind]} {describeTarget(targetSecondsOf(p.targets, kind))}
                          </Badge>
                        ))}
                        <span>
                          {p.businessHours ? (p.businessHours.type === 'workspace' ? 'business hours' : `${teamName(p.businessHours.teamId)}'s hours`) : 'calendar time'} · warn at {p.warningPercent} %
                          {p.pauseWhileWaitingOnCustomer ? ' · paused while waiting on the customer' : ''}
                        </span>
                      </p>
                    </div>
                    <div className="flex gap-1">
                      <Button size="sm" variant="secondary" disabled={i === 0} pending={pending} onClick={() => run(() => moveSlaPolicyAction(p.id, 'up'))} aria-label={`Move ${p.name} up`}>
                        ↑
                      </Button>
                      <Button size="sm" variant="secondary" disabled={i === policies.length - 1} pending={pending} onClick={() => run(() => moveSlaPolicyAction(p.id, 'down'))} aria-label={`Move ${p.name} down`}>
                        ↓
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => setEditing(p.id)}>
                        Edit
                      </Button>
                      <Button size="sm" variant="secondary" pending={pending} onClick={() => run(() => deleteSlaPolicyAction(p.id))}>
                        Delete
                      </Button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card>
        <CardHeader title="Add a policy" />
        <div className="px-5 py-4">
          <PolicyForm policy={null} teams={teams} channels={channels} onDone={() => setError(null)} />
        </div>
      </Card>
    </div>
  );
}

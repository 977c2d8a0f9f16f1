'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { setQueueAlertAction, setTeamAwayHandOnAction, setTeamCapacityAction, setWorkspaceAwayHandOnAction, setWorkspaceCapacityAction } from './actions';

type AwayHandOn = 'leave' | 'return_to_team' | 'round_robin' | 'least_open';
type TeamSettings = { id: string; name: string; maxOpen: number | null; awayHandOn: AwayHandOn | null };

const handOnOptions: { value: AwayHandOn; label: string }[] = [
  { value: 'leave', label: 'Leave them assigned' },
  { value: 'return_to_team', label: "Return them to the team's queue" },
  { value: 'round_robin', label: 'Reassign by round robin' },
  { value: 'least_open', label: 'Reassign to the fewest open' },
];
const handOnLabel = Object.fromEntries(handOnOptions.map((o) => [o.value, o.label])) as Record<AwayHandOn, string>;

/**
 * Capacity per agent and work follows availability (issue #16 items 4 and 2): workspace
 * defaults and each team's overrides. A member's capacity is the smallest override of their
 * teams, else the default; a conversation follows its own team's hand-on rule.
 */
export function CapacityCard({
  defaultMaxOpen,
  awayHandOn,
  queueAlertMinutes,
  teams,
  canManage,
}: {
  defaultMaxOpen: number | null;
  awayHandOn: AwayHandOn;
  queueAlertMinutes: number | null;
  teams: TeamSettings[];
  canManage: boolean;
}) {
  const workspace = useActionForm(setWorkspaceCapacityAction);
  const alert = useActionForm(setQueueAlertAction);
  return (
    <Card>
      <CardHeader
        title="Capacity and availability"
        description="Capacity: the most open conversations workflows and the queue give one agent (people can still assign past it by hand, after a warning). When an agent goes away or offline: what happens to their open conversations they have not replied to yet."
      />
      <div className="space-y-4 px-5 py-4">
        {canManage ? (
          <div className="flex flex-wrap items-start gap-6">
            <form onSubmit={workspace.onSubmit} noValidate className="flex items-start gap-3" data-testid="capacity-default-form">
              <TextField
                label="Default capacity per agent"
                name="defaultMaxOpen"
                inputMode="numeric"
                defaultValue={defaultMaxOpen ?? ''}
                placeholder="Unlimited"
                hint="Empty: unlimited"
                error={workspace.fieldErrors.defaultMaxOpen}
                className="w-48"
              />
              <Button type="submit" size="sm" pending={workspace.pending} className="mt-8">
                Save
              </Button>
              {workspace.result?.ok ? (
                <span className="mt-9 text-xs text-emerald-700" role="status">
                  Saved
                </span>
              ) : null}
            </form>
            <HandOnSelect label="When an agent goes away or offline" value={awayHandOn} options={handOnOptions} save={(v) => setWorkspaceAwayHandOnAction(v)} testId="away-hand-on-default" />
            <form onSubmit={alert.onSubmit} noValidate className="flex items-start gap-3" data-testid="queue-alert-form">
              <TextField
                label="Alert leads after (minutes in a queue)"
                name="queueAlertMinutes"
                inputMode="numeric"
                defaultValue={queueAlertMinutes ?? ''}
                placeholder="Never"
                hint="Empty: no alert"
                error={alert.fieldErrors.queueAlertMinutes}
                className="w-64"
              />
              <Button type="submit" size="sm" pending={alert.pending} className="mt-8">
                Save
              </Button>
              {alert.result?.ok ? (
                <span className="mt-9 text-xs text-emerald-700" role="status">
                  Saved
                </span>
              ) : null}
            </form>
          </div>
        ) : (
          <p className="text-sm text-slate-700" data-testid="capacity-default">
            Default capacity per agent: {defaultMaxOpen ?? 'unlimited'} · When an agent goes away or offline: {handOnLabel[awayHandOn].toLowerCase()} · Leads alerted after{' '}
            {queueAlertMinutes ? `${queueAlertMinutes} min in a queue` : 'never'}
          </p>
        )}
        {teams.length ? (
          <ul className="divide-y divide-slate-100">
            {teams.map((team) => (
              <TeamRow key={team.id} team={team} canManage={canManage} />
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}

function HandOnSelect({
  label,
  value,
  options,
  save,
  testId,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  save: (value: string) => Promise<{ ok: boolean; error?: string }>;
  testId: string;
}) {
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <SelectField
      label={label}
      name="awayHandOn"
      data-testid={testId}
      defaultValue={value}
      disabled={pending}
      options={options}
      error={error}
      onChange={(e) => {
        const v = e.target.value;
        startTransition(async () => {
          const r = await save(v);
          setError(r.ok ? undefined : (r.error ?? 'Could not save'));
        });
      }}
      className="w-64"
    />
  );
}

function TeamRow({ team, canManage }: { team: TeamSettings; canManage: boolean }) {
  const form = useActionForm(setTeamCapacityAction);
  if (!canManage) {
    return (
      <li className="py-2 text-sm text-slate-700">
        {team.name}: capacity {team.maxOpen ?? 'workspace default'} · {team.awayHandOn ? handOnLabel[team.awayHandOn].toLowerCase() : 'workspace default when away'}
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-6 py-3">
      <form onSubmit={form.onSubmit} noValidate className="flex items-start gap-2" data-testid={`capacity-team-${team.name}`}>
        <input type="hidden" name="teamId" value={team.id} />
        <TextField
          label={`${team.name}: capacity per agent`}
          name="maxOpen"
          inputMode="numeric"
          defaultValue={team.maxOpen ?? ''}
          placeholder="Default"
          error={form.fieldErrors.maxOpen ?? (form.error && !form.fieldErrors.maxOpen ? form.error : undefined)}
          className="w-48"
        />
        <Button type="submit" size="sm" variant="secondary" pending={form.pending} className="mt-7">
          Save
        </Button>
        {form.result?.ok ? (
          <span className="mt-8 text-xs text-emerald-700" role="status">
            Saved
          </span>
        ) : null}
      </form>
      <HandOnSelect
        label={`${team.name}: when an agent goes away`}
        value={team.awayHandOn ?? ''}
        options={[{ value: '', label: 'Workspace default' }, ...handOnOptions]}
        save={(v) => setTeamAwayHandOnAction(team.id, v)}
        testId={`away-hand-on-${team.name}`}
      />
    </li>
  );
}

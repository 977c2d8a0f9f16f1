'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { NumberOrUnlimitedField } from './number-or-unlimited-field';
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
 * defaults and each team's overrides (a member's own override is in their Members row). A
 * member's capacity is the smallest of their own and their teams' overrides, else the
 * default; a conversation follows its own team's hand-on rule.
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
  return (
    <Card>
      <CardHeader
        title="Capacity and availability"
        description="Capacity: the most open conversations workflows and the queue give one agent (people can still assign past it by hand, after a warning). When an agent goes away or offline: what happens to their open conversations they have not replied to yet."
      />
      <div className="space-y-4 px-5 py-4">
        {canManage ? (
          <div className="flex flex-wrap items-start gap-6">
            <NumberOrUnlimitedField
              action={setWorkspaceCapacityAction}
              name="defaultMaxOpen"
              label="Default capacity per agent"
              value={defaultMaxOpen}
              placeholder="Unlimited"
              hint="Empty: unlimited"
              testId="capacity-default-form"
            />
            <HandOnSelect label="When an agent goes away or offline" value={awayHandOn} options={handOnOptions} save={(v) => setWorkspaceAwayHandOnAction(v)} testId="away-hand-on-default" />
            <NumberOrUnlimitedField
              action={setQueueAlertAction}
              name="queueAlertMinutes"
              label="Alert leads after (minutes in a queue)"
              value={queueAlertMinutes}
              placeholder="Never"
              hint="Empty: no alert"
              testId="queue-alert-form"
              width="w-64"
            />
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
  if (!canManage) {
    return (
      <li className="py-2 text-sm text-slate-700">
        {team.name}: capacity {team.maxOpen ?? 'workspace default'} · {team.awayHandOn ? handOnLabel[team.awayHandOn].toLowerCase() : 'workspace default when away'}
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-6 py-3">
      <NumberOrUnlimitedField
        action={setTeamCapacityAction}
        name="maxOpen"
        label={`${team.name}: capacity per agent`}
        value={team.maxOpen}
        placeholder="Default"
        hidden={{ teamId: team.id }}
        testId={`capacity-team-${team.name}`}
      />
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

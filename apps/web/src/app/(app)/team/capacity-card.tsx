'use client';

import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { setTeamCapacityAction, setWorkspaceCapacityAction } from './actions';

type TeamCapacity = { id: string; name: string; maxOpen: number | null };

/**
 * Capacity per agent (issue #16 item 4): the workspace default and each team's override.
 * A member's capacity is the smallest override of their teams, else the default.
 */
export function CapacityCard({
  defaultMaxOpen,
  teams,
  canManage,
}: {
  defaultMaxOpen: number | null;
  teams: TeamCapacity[];
  canManage: boolean;
}) {
  const workspace = useActionForm(setWorkspaceCapacityAction);
  return (
    <Card>
      <CardHeader
        title="Capacity"
        description="The most open conversations workflows and the queue give one agent. A team's limit overrides the default for its members (the smallest applies). People can still assign past it by hand, after a warning."
      />
      <div className="space-y-4 px-5 py-4">
        {canManage ? (
          <form
            onSubmit={workspace.onSubmit}
            noValidate
            className="flex items-start gap-3"
            data-testid="capacity-default-form"
          >
            <TextField
              label="Default per agent"
              name="defaultMaxOpen"
              inputMode="numeric"
              defaultValue={defaultMaxOpen ?? ''}
              placeholder="Unlimited"
              hint="Empty: unlimited"
              error={workspace.fieldErrors.defaultMaxOpen}
              className="w-44"
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
        ) : (
          <p className="text-sm text-slate-700" data-testid="capacity-default">
            Default per agent: {defaultMaxOpen ?? 'unlimited'}
          </p>
        )}
        {teams.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {teams.map((team) => (
              <TeamCapacityRow key={team.id} team={team} canManage={canManage} />
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}

function TeamCapacityRow({ team, canManage }: { team: TeamCapacity; canManage: boolean }) {
  const form = useActionForm(setTeamCapacityAction);
  if (!canManage) {
    return (
      <li className="text-sm text-slate-700">
        {team.name}: {team.maxOpen ?? 'workspace default'}
      </li>
    );
  }
  return (
    <li>
      <form
        onSubmit={form.onSubmit}
        noValidate
        className="flex items-start gap-2"
        data-testid={`capacity-team-${team.name}`}
      >
        <input type="hidden" name="teamId" value={team.id} />
        <TextField
          label={`${team.name} per agent`}
          name="maxOpen"
          inputMode="numeric"
          defaultValue={team.maxOpen ?? ''}
          placeholder="Default"
          error={
            form.fieldErrors.maxOpen ??
            (form.error && !form.fieldErrors.maxOpen ? form.error : undefined)
          }
          className="w-44"
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
    </li>
  );
}

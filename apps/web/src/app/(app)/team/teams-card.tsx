'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  addTeamMemberAction,
  createTeamAction,
  deleteTeamAction,
  removeTeamMemberAction,
  renameTeamAction,
} from './actions';

type Team = { id: string; name: string; members: { userId: string; name: string }[]; hours?: { open: boolean; text: string } };
type Person = { userId: string; name: string };

export function TeamsCard({ teams, members, canManage }: { teams: Team[]; members: Person[]; canManage: boolean }) {
  const create = useActionForm(createTeamAction, { onSuccess: (_d, form) => form.reset() });
  return (
    <Card>
      <CardHeader title="Teams" description="Workflows assign conversations to a team; its online members share the work." />
      {canManage ? (
        <form onSubmit={create.onSubmit} noValidate className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
          <TextField label="New team" name="name" placeholder="e.g. Billing" error={create.fieldErrors.name} className="max-w-xs flex-1" />
          <Button type="submit" pending={create.pending} className="mt-7">
            Create team
          </Button>
        </form>
      ) : null}
      {teams.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          {canManage ? 'No teams yet. Create one to route conversations to a group of agents.' : 'No teams yet.'}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {teams.map((team) => (
            <TeamRow key={team.id} team={team} members={members} canManage={canManage} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function TeamRow({ team, members, canManage }: { team: Team; members: Person[]; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const rename = useActionForm(renameTeamAction, { onSuccess: () => setEditing(false) });
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.error ?? 'Something went wrong');
    });
  const outside = members.filter((p) => !team.members.some((m) => m.userId === p.userId));

  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-center gap-3">
        {editing ? (
          <form onSubmit={rename.onSubmit} noValidate className="flex items-start gap-2">
            <input type="hidden" name="teamId" value={team.id} />
            <TextField label={`New name for ${team.name}`} name="name" defaultValue={team.name} autoFocus error={rename.fieldErrors.name ?? (rename.error && !rename.fieldErrors.name ? rename.error : undefined)} />
            <Button type="submit" size="sm" pending={rename.pending} className="mt-8">
              Save
            </Button>
            <Button type="button" size="sm" variant="ghost" className="mt-8" onClick={() => { setEditing(false); rename.reset(); }}>
              Cancel
            </Button>
          </form>
        ) : (
          <h3 className="text-sm font-semibold text-slate-900">
            {team.name} <span className="font-normal text-slate-500">· {team.members.length} {team.members.length === 1 ? 'member' : 'members'}</span>
            {team.hours ? (
              <span
                data-testid={`team-hours-${team.name}`}
                className={`ml-2 rounded-full px-2 py-0.5 text-xs font-medium ${team.hours.open ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-600'}`}
              >
                {team.hours.text}
              </span>
            ) : null}
          </h3>
        )}
        {canManage && !editing ? (
          <div className="ml-auto flex gap-1">
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              Rename
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={pending}
              onClick={() => {
                if (confirm(`Delete the team "${team.name}"? Its members stay in the workspace; workflows assigning to it will need a new team.`)) {
                  act(() => deleteTeamAction(team.id));
                }
              }}
            >
              Delete
            </Button>
          </div>
        ) : null}
      </div>
      {error ? (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center gap-1.5">
        {team.members.length === 0 ? <span className="text-sm text-slate-500">No members yet</span> : null}
        {team.members.map((m) => (
          <span key={m.userId} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs font-medium text-slate-700">
            {m.name}
            {canManage ? (
              <button
                type="button"
                aria-label={`Remove ${m.name} from ${team.name}`}
                disabled={pending}
                onClick={() => act(() => removeTeamMemberAction(team.id, m.userId))}
                className="grid size-4 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-700"
              >
                ×
              </button>
            ) : null}
          </span>
        ))}
        {canManage && outside.length > 0 ? (
          <select
            aria-label={`Add a member to ${team.name}`}
            value=""
            disabled={pending}
            onChange={(e) => {
              const userId = e.target.value;
              if (userId) act(() => addTeamMemberAction(team.id, userId));
            }}
            className="rounded-full border-0 bg-white py-0.5 pr-7 pl-2.5 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            <option value="">+ Add member</option>
            {outside.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </li>
  );
}

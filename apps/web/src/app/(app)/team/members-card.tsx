'use client';

import { useState, useTransition } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/field';
import { LocalTime } from '@/components/ui/local-time';
import { AvailabilityDot, availabilityLabel } from '@/components/ui/availability-dot';
import { changeMemberRole, removeMemberAction, setMemberCapacityAction, setMemberSkillsAction } from './actions';
import { NumberOrUnlimitedField } from './number-or-unlimited-field';

type Role = 'owner' | 'admin' | 'lead' | 'agent';
type MemberRow = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  availability: 'online' | 'away' | 'offline';
  lastSeenAt: string | null;
  teams: string[];
  skills: string[];
  /** Open conversations assigned to them, and their capacity (null: unlimited). */
  openCount: number;
  capacity: number | null;
  /** Their own override (null: none): the smallest of it and their teams' applies. */
  capacityOverride: number | null;
};

const roleOptions = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'lead', label: 'Lead' },
  { value: 'agent', label: 'Agent' },
];
const roleTone = { owner: 'brand', admin: 'brand', lead: 'green', agent: 'slate' } as const;

export function MembersCard({
  members,
  viewer,
  canManage,
  canSetCapacity = false,
}: {
  members: MemberRow[];
  viewer: { userId: string; role: Role };
  canManage: boolean;
  canSetCapacity?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.error ?? 'Something went wrong');
    });

  return (
    <Card>
      <CardHeader title="Members" description={`${members.length} ${members.length === 1 ? 'person' : 'people'} in this workspace`} />
      {error ? (
        <div className="px-5 pt-4">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-5 py-2.5 font-medium">Name</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Availability</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Teams</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Skills</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Open / capacity</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Last seen</th>
              {canManage ? <th scope="col" className="px-5 py-2.5"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => {
              const isSelf = m.userId === viewer.userId;
              // Admins cannot touch owners or grant ownership; the server enforces the same rule.
              const editable = canManage && !isSelf && (viewer.role === 'owner' || m.role !== 'owner');
              const options = viewer.role === 'owner' ? roleOptions : roleOptions.filter((o) => o.value !== 'owner');
              return (
                <tr key={m.userId} className="align-middle">
                  <td className="px-5 py-3">
                    <div className="font-medium text-slate-900">
                      {m.name} {isSelf ? <span className="font-normal text-slate-500">(you)</span> : null}
                    </div>
                    <div className="text-xs text-slate-500">{m.email}</div>
                  </td>
                  <td className="px-3 py-3">
                    {editable ? (
                      <SelectField
                        label={`Role of ${m.name}`}
                        hideLabel
                        name="role"
                        value={m.role}
                        disabled={pending}
                        options={options}
                        onChange={(e) => act(() => changeMemberRole(m.userId, e.target.value))}
                        className="w-28"
                      />
                    ) : (
                      <Badge tone={roleTone[m.role]}>{m.role[0]!.toUpperCase() + m.role.slice(1)}</Badge>
                    )}
                  </td>
                  <td className="px-3 py-3">
                    <span className="inline-flex items-center gap-1.5 text-slate-700">
                      <AvailabilityDot availability={m.availability} />
                      {availabilityLabel[m.availability]}
                    </span>
                  </td>
                  <td className="px-3 py-3 text-slate-600">{m.teams.length ? m.teams.join(', ') : <span className="text-slate-500">—</span>}</td>
                  <td className="px-3 py-3 text-slate-600">
                    {canManage ? (
                      <input
                        aria-label={`Skills of ${m.name}`}
                        data-testid={`member-skills-${m.userId}`}
                        defaultValue={m.skills.join(', ')}
                        placeholder="e.g. de, billing"
                        disabled={pending}
                        onBlur={(e) => {
                          if (e.target.value.trim() !== m.skills.join(', ')) act(() => setMemberSkillsAction(m.userId, e.target.value));
                        }}
                        className="w-36 rounded-md border-0 bg-white px-2 py-1 text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                      />
                    ) : m.skills.length ? (
                      m.skills.join(', ')
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-600 tabular-nums" data-testid={`member-load-${m.name}`}>
                    {m.openCount} / {m.capacity ?? '∞'}
                    {m.capacity !== null && m.openCount >= m.capacity ? <span className="ml-1.5 text-xs font-medium text-amber-700">full</span> : null}
                    {canSetCapacity ? (
                      <div className="mt-1.5">
                        <NumberOrUnlimitedField
                          action={setMemberCapacityAction}
                          name="capacity"
                          label={`Capacity of ${m.name}`}
                          value={m.capacityOverride}
                          placeholder="Team/default"
                          hidden={{ userId: m.userId }}
                          testId={`member-capacity-${m.name}`}
                          compact
                          width="w-28"
                        />
                      </div>
                    ) : m.capacityOverride !== null ? (
                      <span className="ml-1.5 text-xs text-slate-500">(own limit {m.capacityOverride})</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-3 text-slate-600">
                    <LocalTime iso={m.lastSeenAt} fallback="Never" />
                  </td>
                  {canManage ? (
                    <td className="px-5 py-3 text-right">
                      {editable ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={pending}
                          onClick={() => {
                            if (confirm(`Remove ${m.name} from this workspace? They lose access immediately.`)) {
                              act(() => removeMemberAction(m.userId));
                            }
                          }}
                        >
                          Remove
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

'use client';

import { useState, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Dropdown, MenuItem } from '@/components/ui/dropdown';
import { LocalTime } from '@/components/ui/local-time';
import { TextField } from '@/components/ui/field';
import { triggerEventShortLabel } from '@baton/engine';
import { deleteWorkflowAction, duplicateWorkflowAction, renameWorkflowAction } from '@/server/workflows/manage-workflows';
import { Dialog } from '../ui-dialog';
import { CreateWorkflowDialog } from './create-workflow-dialog';
import { StatusBadge, type WorkflowStatus } from './status-badge';

export interface WorkflowListItem {
  id: string;
  name: string;
  description: string | null;
  status: WorkflowStatus;
  triggerEvent: string | null;
  lastPublishedAt: string | null;
  updatedAt: string;
  runsLast24h: number;
}

export function WorkflowList({ workflows, teams, canManage }: { workflows: WorkflowListItem[]; teams: { id: string; name: string }[]; canManage: boolean }) {
  const router = useRouter();
  const [creating, setCreating] = useState<false | string>(false);
  const [renaming, setRenaming] = useState<WorkflowListItem | null>(null);
  const [deleting, setDeleting] = useState<WorkflowListItem | null>(null);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, after?: () => void) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) setError(r.error ?? 'Something went wrong');
      else {
        setError(null);
        after?.();
        router.refresh();
      }
    });

  return (
    <div>
      <div className="mb-4 flex items-center justify-between gap-3">
        <p className="text-sm text-slate-500">{workflows.length === 1 ? '1 workflow' : `${workflows.length} workflows`}</p>
        {canManage ? (
          <Button type="button" onClick={() => setCreating('')} data-testid="new-workflow">
            + New workflow
          </Button>
        ) : null}
      </div>
      {error ? <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}

      {workflows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
          <h2 className="text-base font-semibold text-slate-900">No workflows yet</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
            A workflow decides who gets each new conversation and what happens when nobody replies in time.
            {canManage ? ' Start from a template or a blank canvas.' : ' Ask an admin to create one.'}
          </p>
          {canManage ? (
            <div className="mt-5 flex flex-wrap justify-center gap-2">
              <Button type="button" onClick={() => setCreating('reassign-if-no-reply')}>
                Reassign if no reply in 15 minutes
              </Button>
              <Button type="button" variant="secondary" onClick={() => setCreating('')}>
                Blank workflow
              </Button>
            </div>
          ) : null}
        </div>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2.5">Name</th>
                <th className="px-4 py-2.5">Status</th>
                <th className="px-4 py-2.5">Trigger</th>
                <th className="px-4 py-2.5">Last published</th>
                <th className="px-4 py-2.5 text-right whitespace-nowrap">Runs (24 h)</th>
                <th className="w-10 px-2 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {workflows.map((w) => (
                <tr key={w.id} className="group hover:bg-slate-50" data-testid="workflow-row" data-name={w.name}>
                  <td className="px-4 py-3">
                    <Link href={`/workflows/${w.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {w.name}
                    </Link>
                    {w.description ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{w.description}</p> : null}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={w.status} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">{w.triggerEvent ? triggerEventShortLabel(w.triggerEvent) : '—'}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                    <LocalTime iso={w.lastPublishedAt} fallback="Never" />
                  </td>
                  <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{w.runsLast24h}</td>
                  <td className="px-2 py-3">
                    {canManage ? (
                      <Dropdown label={`Actions for ${w.name}`} align="right" trigger={<span className="px-1 text-slate-500">⋯</span>}>
                        {(close) => (
                          <>
                            <MenuItem onSelect={() => router.push(`/workflows/${w.id}`)}>Open editor</MenuItem>
                            <MenuItem
                              onSelect={() => {
                                close();
                                setNewName(w.name);
                                setRenaming(w);
                              }}
                            >
                              Rename
                            </MenuItem>
                            <MenuItem
                              onSelect={() => {
                                close();
                                run(() => duplicateWorkflowAction(w.id));
                              }}
                            >
                              Duplicate
                            </MenuItem>
                            <MenuItem
                              onSelect={() => {
                                close();
                                setDeleting(w);
                              }}
                            >
                              <span className="text-red-600">Delete…</span>
                            </MenuItem>
                          </>
                        )}
                      </Dropdown>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {creating !== false ? <CreateWorkflowDialog open onClose={() => setCreating(false)} teams={teams} initialTemplate={creating} /> : null}

      <Dialog
        open={!!renaming}
        onClose={() => setRenaming(null)}
        title="Rename workflow"
        footer={
          <>
            <Button variant="secondary" type="button" onClick={() => setRenaming(null)}>
              Cancel
            </Button>
            <Button type="button" pending={pending} onClick={() => renaming && run(() => renameWorkflowAction(renaming.id, newName), () => setRenaming(null))}>
              Rename
            </Button>
          </>
        }
      >
        <TextField label="Name" name="name" value={newName} onChange={(e) => setNewName(e.target.value)} data-autofocus />
      </Dialog>

      <Dialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title="Delete workflow?"
        footer={
          <>
            <Button variant="secondary" type="button" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button variant="danger" type="button" pending={pending} onClick={() => deleting && run(() => deleteWorkflowAction(deleting.id), () => setDeleting(null))}>
              Delete workflow
            </Button>
          </>
        }
      >
        <p>
          <strong>{deleting?.name}</strong> will be deleted with all its versions and run history. Conversations and their messages stay. This can&apos;t be undone.
        </p>
        {deleting?.status === 'published' ? <p className="mt-2 text-amber-700">It is published: new conversations will stop running it.</p> : null}
      </Dialog>
    </div>
  );
}

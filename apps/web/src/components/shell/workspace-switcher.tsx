'use client';

import { useState, useTransition } from 'react';
import { Dropdown, MenuItem } from '@/components/ui/dropdown';
import { switchWorkspace } from '@/app/(app)/shell-actions';

type Workspace = { workspaceId: string; name: string; role: string };

function Initial({ name }: { name: string }) {
  return (
    <span aria-hidden className="grid size-6 shrink-0 place-items-center rounded-md bg-slate-800 text-xs font-semibold text-white">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

export function WorkspaceSwitcher({ current, workspaces }: { current: Workspace; workspaces: Workspace[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Dropdown
        label={`Workspace: ${current.name}. Switch workspace`}
        trigger={
          <>
            <Initial name={current.name} />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-semibold text-slate-900">{current.name}</span>
              <span className="block text-xs capitalize text-slate-500">{pending ? 'Switching…' : current.role}</span>
            </span>
            <svg aria-hidden viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor">
              <path d="M10 3 6 7h8l-4-4Zm0 14 4-4H6l4 4Z" />
            </svg>
          </>
        }
      >
        {(close) => (
          <>
            <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-slate-500">Your workspaces</p>
            {workspaces.map((w) => (
              <MenuItem
                key={w.workspaceId}
                disabled={pending}
                onSelect={() => {
                  close();
                  if (w.workspaceId === current.workspaceId) return;
                  startTransition(async () => {
                    const r = await switchWorkspace(w.workspaceId);
                    if (!r.ok) setError(r.error);
                    else window.location.assign('/inbox');
                  });
                }}
              >
                <Initial name={w.name} />
                <span className="flex-1 truncate">{w.name}</span>
                {w.workspaceId === current.workspaceId ? <span className="text-brand-600" aria-label="current">✓</span> : null}
              </MenuItem>
            ))}
          </>
        )}
      </Dropdown>
      {error ? <p role="alert" className="mt-1 px-2 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

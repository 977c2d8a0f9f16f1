'use client';

import { useEffect, useRef, useState } from 'react';
import type { Problem } from '@baton/engine';

export function ProblemsButton({ problems, onSelect }: { problems: Problem[]; onSelect: (stepId: string) => void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const count = problems.length;
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        data-testid="problems-button"
        data-count={count}
        onClick={() => setOpen((o) => !o)}
        className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-xs font-medium ring-1 ring-inset ${
          count ? 'bg-red-50 text-red-700 ring-red-200 hover:bg-red-100' : 'bg-emerald-50 text-emerald-700 ring-emerald-200'
        }`}
      >
        {count ? `${count} ${count === 1 ? 'problem' : 'problems'}` : 'No problems'}
      </button>
      {open && count > 0 ? (
        <div className="absolute right-0 z-30 mt-1 max-h-96 w-96 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-xl" data-testid="problems-list">
          {problems.map((p, i) => (
            <button
              key={i}
              type="button"
              disabled={!p.stepId}
              onClick={() => {
                if (p.stepId) onSelect(p.stepId);
                setOpen(false);
              }}
              className="block w-full rounded-md px-3 py-2 text-left text-xs text-slate-700 hover:bg-slate-50 disabled:cursor-default"
            >
              <span className="mr-1.5 inline-block size-1.5 rounded-full bg-red-500 align-middle" />
              {p.message}
              {p.stepId ? <span className="ml-1 font-mono text-[10px] text-slate-400">{p.stepId}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

'use client';

import type { Problem } from '@baton/engine';
import { Dropdown, MenuItem } from '@/components/ui/dropdown';

/**
 * The problem count, and a menu of the problems: choosing one selects its step and opens its
 * panel. A keyboard menu (see Dropdown), so the list works without a mouse. The count is
 * written out and marked with a shape (✓ / !), never by colour alone.
 */
export function ProblemsButton({ problems, onSelect }: { problems: Problem[]; onSelect: (stepId: string) => void }) {
  const count = problems.length;
  if (count === 0) {
    return (
      <span
        role="status"
        data-testid="problems-button"
        data-count={0}
        className="inline-flex shrink-0 items-center gap-1.5 rounded-md bg-emerald-50 px-2.5 py-1.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset"
      >
        <span aria-hidden>✓</span> No problems
      </span>
    );
  }
  return (
    <Dropdown
      label="Show"
      align="right"
      testId="problems-button"
      menuTestId="problems-list"
      triggerProps={{ 'data-count': count }}
      className="shrink-0"
      triggerClassName="inline-flex items-center gap-1.5 rounded-md bg-red-50 px-2.5 py-1.5 text-xs font-medium text-red-800 ring-1 ring-red-200 ring-inset hover:bg-red-100"
      trigger={
        <>
          <span aria-hidden className="grid size-3.5 place-items-center rounded-full bg-red-600 text-[9px] font-bold text-white">
            !
          </span>
          {count} {count === 1 ? 'problem' : 'problems'}
        </>
      }
    >
      {(close) => (
        <div className="max-h-96 w-96 overflow-y-auto">
          {problems.map((p, i) => (
            <MenuItem
              key={i}
              disabled={!p.stepId}
              className="items-start text-xs"
              onSelect={() => {
                close();
                if (p.stepId) onSelect(p.stepId);
              }}
            >
              <span aria-hidden className="mt-1 inline-block size-1.5 shrink-0 rounded-full bg-red-600" />
              <span>
                {p.message}
                {p.stepId ? <span className="ml-1 font-mono text-[10px] text-slate-500">{p.stepId}</span> : null}
              </span>
            </MenuItem>
          ))}
        </div>
      )}
    </Dropdown>
  );
}

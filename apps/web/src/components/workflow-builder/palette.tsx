'use client';

import { memo } from 'react';
import type { StepType } from '@baton/engine';
import { nodeMeta, paletteKinds } from './step-meta';

export const DRAG_MIME = 'application/x-baton-step';

function PaletteComponent({ onAdd }: { onAdd: (type: StepType) => void }) {
  return (
    <aside aria-label="Steps" className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white 2xl:w-60" data-testid="palette">
      <div className="px-4 pt-4 pb-2">
        <h2 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Steps</h2>
        <p className="mt-0.5 text-xs text-slate-500">Drag onto the canvas, or press to add it after the selected step.</p>
      </div>
      <ul className="flex-1 space-y-1 overflow-y-auto px-2 pb-4">
        {paletteKinds.map((kind) => {
          const meta = nodeMeta(kind);
          const disabled = kind === 'trigger';
          return (
            <li key={kind}>
              <div
                role="button"
                tabIndex={disabled ? -1 : 0}
                aria-disabled={disabled || undefined}
                data-testid={`palette-${kind}`}
                draggable={!disabled}
                title={disabled ? 'A workflow has exactly one trigger; it is already on the canvas.' : meta.description}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_MIME, kind);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => !disabled && onAdd(kind as StepType)}
                onKeyDown={(e) => {
                  if (!disabled && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    onAdd(kind as StepType);
                  }
                }}
                className={`flex items-start gap-2.5 rounded-lg border px-2.5 py-2 select-none ${
                  disabled
                    ? 'cursor-not-allowed border-transparent opacity-50'
                    : 'cursor-grab border-transparent hover:border-slate-200 hover:bg-slate-50 hover:shadow-sm active:cursor-grabbing'
                }`}
              >
                <span aria-hidden className={`flex size-7 shrink-0 items-center justify-center rounded-md ${meta.accent}`}>{meta.icon}</span>
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-800">{meta.label}</span>
                  <span className="line-clamp-2 block text-xs text-slate-600">{disabled ? 'Already on the canvas (one per workflow)' : meta.description}</span>
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

export const Palette = memo(PaletteComponent);

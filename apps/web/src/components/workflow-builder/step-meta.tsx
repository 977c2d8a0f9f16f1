import type { ReactNode } from 'react';
import { stepRegistry, stepTypes, type StepType } from '@baton/engine';

// How each node type looks on the canvas and in the palette. Labels and descriptions come
// from the engine's registry so the palette, the node and the API docs say the same thing.

export type NodeKind = StepType | 'trigger';

export interface NodeMeta {
  label: string;
  description: string;
  accent: string; // icon tile
  icon: ReactNode;
}

const svg = (d: ReactNode) => (
  <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" className="size-4">
    {d}
  </svg>
);

const icons: Record<NodeKind, ReactNode> = {
  trigger: svg(<path d="M11 2 4 11h5l-1 7 7-9h-5l1-7Z" />),
  assign: svg(
    <>
      <circle cx="8" cy="7" r="3" />
      <path d="M2.5 17c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5M15 6v5M12.5 8.5h5" />
    </>,
  ),
  wait: svg(
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M10 6v4l2.5 2" />
    </>,
  ),
  branch: svg(
    <>
      <circle cx="5" cy="4" r="1.8" />
      <circle cx="5" cy="16" r="1.8" />
      <circle cx="15" cy="8" r="1.8" />
      <path d="M5 6v8M5 11c0-2 2-3 4-3h4" />
    </>,
  ),
  comment: svg(<path d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z" />),
  close: svg(
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="m7 10 2 2 4-4" />
    </>,
  ),
  jump: svg(<path d="M6 16V8a3 3 0 0 1 3-3h6m0 0-3-3m3 3-3 3" />),
};

const accents: Record<NodeKind, string> = {
  trigger: 'bg-amber-100 text-amber-700',
  assign: 'bg-brand-100 text-brand-700',
  wait: 'bg-sky-100 text-sky-700',
  branch: 'bg-violet-100 text-violet-700',
  comment: 'bg-emerald-100 text-emerald-700',
  close: 'bg-slate-200 text-slate-700',
  jump: 'bg-rose-100 text-rose-700',
};

const paletteLabels: Record<NodeKind, string> = {
  trigger: 'Trigger',
  assign: 'Assign to',
  wait: 'Wait',
  branch: 'Branch',
  comment: 'Add comment',
  close: 'Close conversation',
  jump: 'Jump to',
};

export function nodeMeta(kind: NodeKind): NodeMeta {
  const description = kind === 'trigger' ? 'What starts the workflow.' : stepRegistry[kind].description;
  return { label: paletteLabels[kind], description, accent: accents[kind], icon: icons[kind] };
}

export const paletteKinds: NodeKind[] = ['trigger', ...stepTypes];

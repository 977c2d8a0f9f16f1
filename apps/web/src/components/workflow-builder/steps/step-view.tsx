import type { ComponentType, ReactNode } from 'react';
import type { StepType } from '@baton/engine';
import type { StepFormProps } from '../forms/form-props';

export type NodeKind = StepType | 'trigger';

/** How one node type looks and is edited on the canvas: one file per type in this folder. */
export interface StepView {
  /** Also the node's title on the canvas and in the side panel. */
  paletteLabel: string;
  /** Tailwind classes of the icon tile. */
  accent: string;
  icon: ReactNode;
  Form: ComponentType<StepFormProps>;
}

export const svg = (d: ReactNode) => (
  <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" className="size-4">
    {d}
  </svg>
);

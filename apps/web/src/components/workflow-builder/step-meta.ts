import type { ReactNode } from 'react';
import { stepRegistry, stepTypes } from '@baton/engine';
import { stepViews, type NodeKind } from './steps';

// How each node type looks on the canvas and in the palette (steps/<type>.tsx). Descriptions
// come from the engine's registry so the palette, the node and the API docs say the same thing.

export type { NodeKind } from './steps';

export interface NodeMeta {
  label: string;
  description: string;
  accent: string; // icon tile
  icon: ReactNode;
}

export function nodeMeta(kind: NodeKind): NodeMeta {
  const description = kind === 'trigger' ? 'What starts the workflow.' : stepRegistry[kind].description;
  const view = stepViews[kind];
  return { label: view.paletteLabel, description, accent: view.accent, icon: view.icon };
}

export const paletteKinds: NodeKind[] = ['trigger', ...stepTypes];

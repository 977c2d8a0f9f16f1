import type { Edge, Position, StepType, TriggerConfig } from '@baton/engine';

// The canvas edits drafts, and a draft may be unfinished (a jump without a target, a branch
// condition half filled in). So the editor's model keeps each config as it is typed and lets
// validateDefinition report what's wrong, rather than refusing to hold an invalid value.
export type StepConfigDraft = Record<string, unknown>;

export interface EditorStep {
  id: string;
  type: StepType;
  name?: string;
  position?: Position;
  config: StepConfigDraft;
}

export interface EditorTrigger {
  id: string;
  type: 'trigger';
  position?: Position;
  config: TriggerConfig | StepConfigDraft;
}

export interface EditorDefinition {
  schemaVersion: 1;
  trigger: EditorTrigger;
  steps: EditorStep[];
  edges: Edge[];
}

export type EditorNode = EditorStep | EditorTrigger;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isPosition = (v: unknown): v is Position =>
  isRecord(v) && typeof v.x === 'number' && typeof v.y === 'number';

/**
 * Reads anything definition-shaped (a stored draft, an imported file) into the editor model.
 * Returns null when it isn't a workflow at all; shape problems inside steps are kept for
 * validateDefinition to report.
 */
export function toEditorDefinition(raw: unknown): EditorDefinition | null {
  if (!isRecord(raw) || !isRecord(raw.trigger) || !Array.isArray(raw.steps)) return null;
  const t = raw.trigger;
  if (typeof t.id !== 'string') return null;
  const steps: EditorStep[] = [];
  for (const s of raw.steps) {
    if (!isRecord(s) || typeof s.id !== 'string' || typeof s.type !== 'string') return null;
    steps.push({
      id: s.id,
      type: s.type as StepType,
      ...(typeof s.name === 'string' ? { name: s.name } : {}),
      ...(isPosition(s.position) ? { position: { x: s.position.x, y: s.position.y } } : {}),
      config: isRecord(s.config) ? s.config : {},
    });
  }
  const edges: Edge[] = [];
  for (const e of Array.isArray(raw.edges) ? raw.edges : []) {
    if (!isRecord(e)) return null;
    if (typeof e.source !== 'string' || typeof e.target !== 'string') return null;
    edges.push({
      id: typeof e.id === 'string' ? e.id : `${e.source}--${String(e.sourceHandle)}--${e.target}`,
      source: e.source,
      sourceHandle: typeof e.sourceHandle === 'string' ? e.sourceHandle : 'next',
      target: e.target,
    });
  }
  return {
    schemaVersion: 1,
    trigger: {
      id: t.id,
      type: 'trigger',
      ...(isPosition(t.position) ? { position: { x: t.position.x, y: t.position.y } } : {}),
      config: isRecord(t.config) ? t.config : { event: 'conversation.opened', conditions: [] },
    },
    steps,
    edges,
  };
}

export function findNode(def: EditorDefinition, id: string): EditorNode | undefined {
  return id === def.trigger.id ? def.trigger : def.steps.find((s) => s.id === id);
}

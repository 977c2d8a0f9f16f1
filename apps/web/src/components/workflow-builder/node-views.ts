import {
  stepNodeSchema,
  summarizeStep,
  triggerConfigSchema,
  triggerEventSentence,
  type Catalog,
  type Problem,
  type StepNode,
  type WorkflowDefinition,
} from '@baton/engine';
import type { EditorDefinition, EditorNode } from './editor-definition';
import { outputHandles, type OutputHandle } from './step-outputs';

/** What a canvas node displays besides its step: derived from the whole definition. */
export interface NodeView {
  summary: string;
  problems: string[];
  outputs: OutputHandle[];
}

export function triggerSummary(config: unknown): string {
  const parsed = triggerConfigSchema.safeParse(config);
  if (!parsed.success) return 'Choose an event';
  const base = triggerEventSentence(parsed.data);
  const c = parsed.data.conditions[0];
  if (!c) return base;
  const value = Array.isArray(c.value) ? c.value.join(' or ') : c.value;
  const op = c.operator === 'is_not' ? 'is not' : 'is';
  return `${base} · source ${op} ${value}${parsed.data.conditions.length > 1 ? ' …' : ''}`;
}

function summaryOf(node: EditorNode, catalog: Catalog, parsedDef: WorkflowDefinition): string {
  if (node.type === 'trigger') return triggerSummary(node.config);
  const parsed = stepNodeSchema.safeParse(node);
  if (!parsed.success) return 'Needs configuration';
  return summarizeStep(parsed.data as StepNode, catalog, parsedDef);
}

/**
 * One view per node. Views that didn't change keep their previous object so node
 * components subscribed to them don't re-render (see view-store.ts).
 */
export function deriveNodeViews(
  def: EditorDefinition,
  problems: readonly Problem[],
  catalog: Catalog,
  previous?: ReadonlyMap<string, NodeView>,
): Map<string, NodeView> {
  const byStep = new Map<string, string[]>();
  for (const p of problems) {
    if (!p.stepId) continue;
    byStep.set(p.stepId, [...(byStep.get(p.stepId) ?? []), p.message]);
  }
  // summarizeStep only reads steps (to name jump targets); parsed steps are enough.
  const parsedDef = {
    ...def,
    steps: def.steps.flatMap((s) => {
      const r = stepNodeSchema.safeParse(s);
      return r.success ? [r.data] : [];
    }),
  } as unknown as WorkflowDefinition;
  const views = new Map<string, NodeView>();
  for (const node of [def.trigger, ...def.steps]) {
    const next: NodeView = {
      summary: summaryOf(node, catalog, parsedDef),
      problems: byStep.get(node.id) ?? [],
      outputs: outputHandles(node),
    };
    const prev = previous?.get(node.id);
    views.set(node.id, prev && sameView(prev, next) ? prev : next);
  }
  return views;
}

function sameView(a: NodeView, b: NodeView): boolean {
  return (
    a.summary === b.summary &&
    a.problems.join('\n') === b.problems.join('\n') &&
    a.outputs.map((o) => `${o.id}:${o.label}:${o.tone}`).join('|') ===
      b.outputs.map((o) => `${o.id}:${o.label}:${o.tone}`).join('|')
  );
}

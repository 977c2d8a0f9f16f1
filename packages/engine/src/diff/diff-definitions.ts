// What changed between two versions of a workflow, for the version history's diff view.
// Works on loose definitions (drafts may be unfinished), compares by node id, and reports
// changed fields as dotted paths ('config.duration.amount') so the UI can name them.

interface LooseNode {
  id: string;
  type: string;
  name?: unknown;
  position?: unknown;
  config?: unknown;
}

interface LooseEdge {
  id?: string;
  source: string;
  sourceHandle: string;
  target: string;
}

export interface DiffableDefinition {
  trigger: LooseNode;
  steps: readonly LooseNode[];
  edges: readonly LooseEdge[];
}

export interface StepRef {
  id: string;
  type: string;
  name: string | null;
}

export interface StepChange extends StepRef {
  /** Dotted paths of what changed; 'position' alone means the step only moved. */
  fields: string[];
}

export interface EdgeRef {
  source: string;
  sourceHandle: string;
  target: string;
}

export interface DefinitionDiff {
  stepsAdded: StepRef[];
  stepsRemoved: StepRef[];
  stepsChanged: StepChange[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
  /** True when nothing but positions changed (or nothing at all). */
  layoutOnly: boolean;
  unchanged: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted paths where `a` and `b` differ; arrays compare index by index. */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (Object.is(a, b)) return [];
  const both = (isRecord(a) && isRecord(b)) || (Array.isArray(a) && Array.isArray(b));
  if (!both) return [prefix || '(value)'];
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.push(...changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path));
  }
  return out;
}

const ref = (n: LooseNode): StepRef => ({ id: n.id, type: n.type, name: typeof n.name === 'string' && n.name ? n.name : null });

const edgeKey = (e: LooseEdge): string => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;

function nodeChanges(before: LooseNode, after: LooseNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push('type');
  if ((before.name ?? null) !== (after.name ?? null)) fields.push('name');
  if (changedPaths(before.position ?? null, after.position ?? null).length) fields.push('position');
  fields.push(...changedPaths(before.config ?? null, after.config ?? null, 'config'));
  return fields;
}

export function diffDefinitions(before: DiffableDefinition, after: DiffableDefinition): DefinitionDiff {
  const beforeNodes = new Map([before.trigger, ...before.steps].map((n) => [n.id, n]));
  const afterNodes = new Map([after.trigger, ...after.steps].map((n) => [n.id, n]));
  const stepsAdded = [...afterNodes.values()].filter((n) => !beforeNodes.has(n.id)).map(ref);
  const stepsRemoved = [...beforeNodes.values()].filter((n) => !afterNodes.has(n.id)).map(ref);
  const stepsChanged: StepChange[] = [];
  for (const [id, a] of afterNodes) {
    const b = beforeNodes.get(id);
    if (!b) continue;
    const fields = nodeChanges(b, a);
    if (fields.length) stepsChanged.push({ ...ref(a), fields });
  }
  // Edges compare by what they connect, not by id: ids are derived and may be regenerated.
  const beforeEdges = new Map(before.edges.map((e) => [edgeKey(e), e]));
  const afterEdges = new Map(after.edges.map((e) => [edgeKey(e), e]));
  const pick = (e: LooseEdge): EdgeRef => ({ source: e.source, sourceHandle: e.sourceHandle, target: e.target });
  const edgesAdded = [...afterEdges].filter(([k]) => !beforeEdges.has(k)).map(([, e]) => pick(e));
  const edgesRemoved = [...beforeEdges].filter(([k]) => !afterEdges.has(k)).map(([, e]) => pick(e));
  const structural = stepsAdded.length + stepsRemoved.length + edgesAdded.length + edgesRemoved.length;
  const layoutOnly = structural === 0 && stepsChanged.every((c) => c.fields.length === 1 && c.fields[0] === 'position');
  return {
    stepsAdded,
    stepsRemoved,
    stepsChanged,
    edgesAdded,
    edgesRemoved,
    layoutOnly,
    unchanged: structural === 0 && stepsChanged.length === 0,
  };
}

import { stepNodeSchema, stepTypes, type StepNode, type StepType } from '../schema/workflow-definition';
import { BRANCH_ELSE, branchHandle } from '../steps/branch-step';
import { stepOutputs, stepRegistry } from '../steps/step-registry';
import { TRIGGER_OUTPUT } from '../trigger/trigger-schema';

// Graph checks run even when some nodes fail the schema, so that one bad field doesn't hide
// every structural problem. This is the tolerant view of the definition they work on.
export interface LooseStep {
  index: number;
  id: string;
  type: string;
  name: string | null;
  parsed: StepNode | null;
  handles: string[] | null; // null = can't tell, skip handle checks
}

export interface LooseEdge {
  index: number;
  id: string | null;
  source: string;
  sourceHandle: string;
  target: string;
}

export interface LooseGraph {
  triggerId: string | null;
  steps: LooseStep[];
  edges: LooseEdge[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function guessHandles(type: string, config: unknown): string[] | null {
  if (!(stepTypes as readonly string[]).includes(type)) return null;
  if (type === 'branch') {
    const branches = isRecord(config) && Array.isArray(config.branches) ? config.branches : null;
    if (!branches) return null;
    const ids = branches.map((b) => (isRecord(b) && typeof b.id === 'string' ? b.id : null));
    return ids.includes(null) ? null : [...(ids as string[]).map(branchHandle), BRANCH_ELSE];
  }
  try {
    const outputs = stepRegistry[type as StepType].outputs as (c: unknown) => string[];
    return outputs(config);
  } catch {
    return null;
  }
}

export function buildLooseGraph(raw: Record<string, unknown>): LooseGraph {
  const trigger = raw.trigger;
  const triggerId = isRecord(trigger) && typeof trigger.id === 'string' ? trigger.id : null;
  const steps: LooseStep[] = [];
  (Array.isArray(raw.steps) ? raw.steps : []).forEach((s, index) => {
    if (!isRecord(s) || typeof s.id !== 'string') return;
    const parsed = stepNodeSchema.safeParse(s);
    const type = typeof s.type === 'string' ? s.type : '';
    steps.push({
      index,
      id: s.id,
      type,
      name: typeof s.name === 'string' && s.name.trim() ? s.name.trim() : null,
      parsed: parsed.success ? parsed.data : null,
      handles: parsed.success ? stepOutputs(parsed.data) : guessHandles(type, s.config),
    });
  });
  const edges: LooseEdge[] = [];
  (Array.isArray(raw.edges) ? raw.edges : []).forEach((e, index) => {
    if (!isRecord(e)) return;
    const { source, sourceHandle, target } = e;
    if (typeof source !== 'string' || typeof sourceHandle !== 'string' || typeof target !== 'string') return;
    edges.push({ index, id: typeof e.id === 'string' ? e.id : null, source, sourceHandle, target });
  });
  return { triggerId, steps, edges };
}

export function handlesOf(graph: LooseGraph, nodeId: string): string[] | null {
  if (nodeId === graph.triggerId) return [TRIGGER_OUTPUT];
  return graph.steps.find((s) => s.id === nodeId)?.handles ?? null;
}

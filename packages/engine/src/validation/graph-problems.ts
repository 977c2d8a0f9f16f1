import type { LooseGraph, LooseStep } from './loose-graph';
import { handlesOf } from './loose-graph';
import type { Problem } from './problem';

const label = (s: LooseStep): string => `“${s.name ?? s.id}”`;

function successors(graph: LooseGraph, known: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!known.has(e.source) || !known.has(e.target)) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  }
  return out;
}

function reachableFrom(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

function idProblems(graph: LooseGraph): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>(graph.triggerId ? [graph.triggerId] : []);
  for (const s of graph.steps) {
    if (seen.has(s.id)) {
      problems.push({ stepId: s.id, field: 'id', code: 'duplicate_id', message: `Two nodes share the id "${s.id}"; ids must be unique.` });
    }
    seen.add(s.id);
  }
  const edgeIds = new Set<string>();
  for (const e of graph.edges) {
    if (e.id === null) continue;
    if (edgeIds.has(e.id)) {
      problems.push({ stepId: null, field: `edges.${e.index}.id`, code: 'duplicate_edge_id', message: `Two edges share the id "${e.id}".` });
    }
    edgeIds.add(e.id);
  }
  return problems;
}

function edgeProblems(graph: LooseGraph, known: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const used = new Map<string, number>();
  for (const e of graph.edges) {
    const at = `edges.${e.index}`;
    if (!known.has(e.source)) {
      problems.push({ stepId: null, field: `${at}.source`, code: 'edge_unknown_source', message: `An edge starts at "${e.source}", which doesn't exist.` });
    }
    if (!known.has(e.target)) {
      problems.push({ stepId: known.has(e.source) ? e.source : null, field: `${at}.target`, code: 'edge_unknown_target', message: `An edge points to "${e.target}", which doesn't exist.` });
    } else if (e.target === graph.triggerId) {
      problems.push({ stepId: e.source, field: `${at}.target`, code: 'edge_to_trigger', message: 'Nothing can connect back into the trigger.' });
    }
    if (!known.has(e.source)) continue;
    const handles = handlesOf(graph, e.source);
    if (handles && !handles.includes(e.sourceHandle)) {
      problems.push({
        stepId: e.source,
        field: `${at}.sourceHandle`,
        code: 'edge_unknown_handle',
        message: `"${e.source}" has no output "${e.sourceHandle}" (it has ${handles.map((h) => `"${h}"`).join(', ')}).`,
      });
    }
    const key = `${e.source}\u0000${e.sourceHandle}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    if (count === 2) {
      problems.push({
        stepId: e.source,
        field: `${at}.sourceHandle`,
        code: 'duplicate_output_edge',
        message: `Output "${e.sourceHandle}" of "${e.source}" is connected more than once; each output can lead to one step.`,
      });
    }
  }
  return problems;
}

// Edge cycles are only legal through jump steps (which carry a bound), so any cycle made of
// plain edges is a loop that could run forever.
function cycleProblems(graph: LooseGraph, next: Map<string, string[]>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'active');
    path.push(id);
    for (const to of next.get(id) ?? []) {
      const s = state.get(to);
      if (s === 'active') {
        const loop = path.slice(path.indexOf(to));
        problems.push({
          stepId: to,
          field: null,
          code: 'unbounded_loop',
          message: `Steps ${[...loop, to].map((x) => `"${x}"`).join(' → ')} form a loop without a bound; use a Jump step to repeat.`,
        });
      } else if (s === undefined) {
        visit(to);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  const roots = [...(graph.triggerId ? [graph.triggerId] : []), ...graph.steps.map((s) => s.id)];
  for (const id of roots) if (!state.has(id)) visit(id);
  return problems;
}

function jumpProblems(graph: LooseGraph, next: Map<string, string[]>): Problem[] {
  const problems: Problem[] = [];
  for (const s of graph.steps) {
    if (s.parsed?.type !== 'jump') continue;
    const target = s.parsed.config.targetStepId;
    const field = 'config.targetStepId';
    if (!graph.steps.some((x) => x.id === target)) {
      problems.push({ stepId: s.id, field, code: 'jump_target_unknown', message: `Jump ${label(s)} points to step "${target}", which doesn't exist.` });
    } else if (target === s.id || !reachableFrom(target, next).has(s.id)) {
      problems.push({
        stepId: s.id,
        field,
        code: 'jump_target_not_earlier',
        message: `Jump ${label(s)} must go back to an earlier step on its own path; "${target}" isn't one.`,
      });
    }
  }
  return problems;
}

export function graphProblems(graph: LooseGraph): Problem[] {
  const known = new Set<string>([...(graph.triggerId ? [graph.triggerId] : []), ...graph.steps.map((s) => s.id)]);
  const next = successors(graph, known);
  const problems = [...idProblems(graph), ...edgeProblems(graph, known)];

  if (graph.triggerId !== null) {
    const tid = graph.triggerId;
    if (!graph.edges.some((e) => e.source === tid && e.sourceHandle === 'next' && known.has(e.target))) {
      problems.push({ stepId: tid, field: null, code: 'trigger_not_connected', message: 'The trigger isn’t connected to a first step.' });
    }
    const reachable = reachableFrom(tid, next);
    const reported = new Set<string>();
    for (const s of graph.steps) {
      if (reachable.has(s.id) || reported.has(s.id)) continue;
      reported.add(s.id);
      problems.push({ stepId: s.id, field: null, code: 'unreachable_step', message: `Step ${label(s)} can never run: nothing leads to it from the trigger.` });
    }
  }
  return [...problems, ...cycleProblems(graph, next), ...jumpProblems(graph, next)];
}

// What publishing a draft does to the runs in flight on the current version: per step, how
// many runs are there, whether the new version changes or removes the step, and whether a run
// sleeping there may be moved to the new version (the admin's choice in the publish dialog).
import { diffDefinitions, type DefinitionDiff, type DiffableDefinition, type StepRef } from '../diff/diff-definitions';

/** Step types a run sleeps in for a while: the ones a waiting run can be moved out of. */
export const MOVABLE_STEP_TYPES: readonly string[] = ['wait', 'wait_until', 'assign'];

export type InFlightAtStep = { stepId: string; waiting: number; running: number };

export type StepChangeKind = 'removed' | 'changed' | 'unchanged';

export interface StepImpact extends StepRef {
  waiting: number;
  running: number;
  change: StepChangeKind;
  /** Waiting runs here may be moved to the new version (changed or removed, and a step runs sleep in). */
  movable: boolean;
  /** The new version's step a move goes to unless the admin picks another: the same id when it still exists. */
  defaultTargetStepId: string | null;
  /** Why waiting runs here cannot be moved, when they cannot. */
  note: string | null;
}

export interface PublishImpact {
  steps: StepImpact[];
  diff: DefinitionDiff;
  /** Steps of the new version a moved run may continue at. */
  targets: StepRef[];
  runsInFlight: number;
}

const nodeRef = (n: DiffableDefinition['steps'][number]): StepRef => ({ id: n.id, type: n.type, name: typeof n.name === 'string' && n.name ? n.name : null });

/**
 * A step is "changed" for the runs sitting in it when what it does or where it leads changed:
 * its config or type, or its outgoing edges. A new position or name changes nothing a run sees.
 */
export function changedForRuns(diff: DefinitionDiff): Set<string> {
  const out = new Set<string>();
  for (const c of diff.stepsChanged) if (c.fields.some((f) => f !== 'position' && f !== 'name')) out.add(c.id);
  for (const e of [...diff.edgesAdded, ...diff.edgesRemoved]) out.add(e.source);
  return out;
}

export function publishImpact(before: DiffableDefinition, after: DiffableDefinition, inFlight: readonly InFlightAtStep[]): PublishImpact {
  const diff = diffDefinitions(before, after);
  const changed = changedForRuns(diff);
  const removed = new Set(diff.stepsRemoved.map((s) => s.id));
  const afterIds = new Set(after.steps.map((s) => s.id));
  const beforeNodes = new Map(before.steps.map((s) => [s.id, s]));
  const steps: StepImpact[] = [];
  for (const f of inFlight) {
    const node = beforeNodes.get(f.stepId);
    const ref = node ? nodeRef(node) : { id: f.stepId, type: 'unknown', name: null };
    const change: StepChangeKind = removed.has(f.stepId) || !node ? 'removed' : changed.has(f.stepId) ? 'changed' : 'unchanged';
    const sleeps = MOVABLE_STEP_TYPES.includes(ref.type);
    const movable = change !== 'unchanged' && sleeps && f.waiting > 0 && after.steps.length > 0;
    const note =
      change === 'unchanged' || f.waiting === 0
        ? null
        : !sleeps
          ? 'An HTTP call or a step in progress: these runs finish on their version.'
          : null;
    steps.push({
      ...ref,
      waiting: f.waiting,
      running: f.running,
      change,
      movable,
      defaultTargetStepId: movable ? (afterIds.has(f.stepId) ? f.stepId : after.steps[0]!.id) : null,
      note,
    });
  }
  // The version's own order, so the dialog reads top to bottom like the canvas list.
  const order = new Map(before.steps.map((s, i) => [s.id, i]));
  steps.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));
  return {
    steps,
    diff,
    targets: after.steps.map(nodeRef),
    runsInFlight: inFlight.reduce((n, f) => n + f.waiting + f.running, 0),
  };
}

export type RunMoveChoice = { fromStepId: string; toStepId: string };
export type MoveProblem = { field: string; message: string };

/**
 * The admin's moves, checked against the two versions: each from a step of the current version
 * that runs sleep in, each to a step of the new one, at most one choice per step. Problems name
 * the field (`moves.0.toStepId`) so the API's 400 and the dialog point at it.
 */
export function moveProblems(before: DiffableDefinition, after: DiffableDefinition, moves: readonly RunMoveChoice[]): MoveProblem[] {
  const problems: MoveProblem[] = [];
  const beforeNodes = new Map(before.steps.map((s) => [s.id, s]));
  const afterIds = new Set(after.steps.map((s) => s.id));
  const seen = new Set<string>();
  moves.forEach((m, i) => {
    const from = beforeNodes.get(m.fromStepId);
    if (!from) problems.push({ field: `moves.${i}.fromStepId`, message: `Step "${m.fromStepId}" is not in the published version` });
    else if (!MOVABLE_STEP_TYPES.includes(from.type))
      problems.push({ field: `moves.${i}.fromStepId`, message: `Runs at step "${m.fromStepId}" (${from.type}) cannot be moved: only wait, wait until and assign (queue) steps hold runs` });
    else if (seen.has(m.fromStepId)) problems.push({ field: `moves.${i}.fromStepId`, message: `Step "${m.fromStepId}" is chosen twice` });
    seen.add(m.fromStepId);
    if (!afterIds.has(m.toStepId)) problems.push({ field: `moves.${i}.toStepId`, message: `Step "${m.toStepId}" is not in the new version` });
  });
  return problems;
}

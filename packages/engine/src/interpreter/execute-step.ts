import { decideAssignment, type AssignmentDecision } from '../assignment/decide-assignment';
import { evaluateBranches, type BranchDecision } from '../conditions/evaluate-branch';
import { durationToMs, formatDuration } from '../schema/duration';
import type { StepType, WorkflowDefinition } from '../schema/workflow-definition';
import { JUMP_LIMIT_REACHED } from '../steps/jump-step';
import { renderComment } from '../templates/render-comment';
import type { Effect } from './effects';
import { findStep, nextStepId } from './graph';
import type { RunState, Snapshot } from './snapshot';

export type Decision =
  | AssignmentDecision
  | BranchDecision
  | { kind: 'wait'; durationMs: number; until: number; explanation: string }
  | { kind: 'comment'; text: string; mentionUserIds: string[]; explanation: string }
  | { kind: 'close'; reason: string | null; explanation: string }
  | { kind: 'jump'; targetStepId: string; jumpsBefore: number; maxJumps: number; jumped: boolean; explanation: string };

export type StepNext =
  | { type: 'continue'; stepId: string | null }
  | { type: 'wait'; until: number; resumeStepId: string | null };

export interface StepOutcome {
  stepId: string;
  stepType: StepType;
  effects: Effect[];
  decision: Decision;
  output: string | null;
  next: StepNext;
  state: RunState;
}

export interface ExecuteStepInput {
  definition: WorkflowDefinition;
  stepId: string;
  snapshot: Snapshot;
  state: RunState;
}

export class UnknownStepError extends Error {
  constructor(readonly stepId: string) {
    super(`Step "${stepId}" does not exist in this workflow definition`);
    this.name = 'UnknownStepError';
  }
}

export function executeStep({ definition, stepId, snapshot, state: stateIn }: ExecuteStepInput): StepOutcome {
  const step = findStep(definition, stepId);
  // A missing step means the adapter resumed a run against the wrong definition version:
  // a bug to surface loudly, not a runtime path to route around.
  if (!step) throw new UnknownStepError(stepId);
  const state: RunState = { ...stateIn, stepsExecuted: stateIn.stepsExecuted + 1 };
  const base = { stepId, stepType: step.type };
  const follow = (handle: string) => ({ type: 'continue' as const, stepId: nextStepId(definition, stepId, handle) });

  switch (step.type) {
    case 'assign': {
      const r = decideAssignment(step.config, snapshot, state);
      return { ...base, effects: r.effects, decision: r.decision, output: r.output, next: follow(r.output), state: r.state };
    }
    case 'wait': {
      const durationMs = durationToMs(step.config.duration);
      const until = snapshot.now + durationMs;
      return {
        ...base,
        effects: [],
        decision: { kind: 'wait', durationMs, until, explanation: `Waiting ${formatDuration(step.config.duration)}.` },
        output: 'next',
        next: { type: 'wait', until, resumeStepId: nextStepId(definition, stepId, 'next') },
        state,
      };
    }
    case 'branch': {
      const decision = evaluateBranches(step.config, snapshot);
      return { ...base, effects: [], decision, output: decision.handle, next: follow(decision.handle), state };
    }
    case 'comment': {
      const { text, mentionUserIds } = renderComment(step.config, snapshot, state);
      return {
        ...base,
        effects: [{ type: 'comment', text, mentionUserIds }],
        decision: { kind: 'comment', text, mentionUserIds, explanation: 'Added an internal comment.' },
        output: 'next',
        next: follow('next'),
        state,
      };
    }
    case 'close':
      return {
        ...base,
        effects: [{ type: 'close' }],
        decision: { kind: 'close', reason: step.config.reason ?? null, explanation: 'Closed the conversation.' },
        output: 'next',
        next: follow('next'),
        state,
      };
    case 'jump': {
      const { targetStepId, maxJumps } = step.config;
      const jumpsBefore = state.jumpCounts[stepId] ?? 0;
      const jumped = jumpsBefore < maxJumps;
      const decision = {
        kind: 'jump' as const,
        targetStepId,
        jumpsBefore,
        maxJumps,
        jumped,
        explanation: jumped
          ? `Jumped back to ${targetStepId} (${jumpsBefore + 1} of ${maxJumps}).`
          : `Jump limit reached (${maxJumps}); following “limit reached”.`,
      };
      if (!jumped) return { ...base, effects: [], decision, output: JUMP_LIMIT_REACHED, next: follow(JUMP_LIMIT_REACHED), state };
      return {
        ...base,
        effects: [],
        decision,
        // A taken jump follows no edge, so there's no handle to report.
        output: null,
        next: { type: 'continue', stepId: targetStepId },
        state: { ...state, jumpCounts: { ...state.jumpCounts, [stepId]: jumpsBefore + 1 } },
      };
    }
  }
}

import type { z } from 'zod';
import type { Catalog } from '../catalog';
import type { Effect } from '../interpreter/effects';
import type { PoolKey, RunState, Snapshot } from '../interpreter/snapshot';

export interface SummaryContext {
  // Lets a step (e.g. jump) name another step without the step files importing the registry.
  describeStep?: (stepId: string) => string | null;
}

/** What a step sees when it runs: everything comes in, nothing is read from outside. */
export interface StepContext {
  stepId: string;
  snapshot: Snapshot;
  /** The run's state with this step already counted. */
  state: RunState;
  /** Where an output handle leads (null: no edge, the run ends there). */
  follow(handle: string): string | null;
}

export type StepNext =
  | { type: 'continue'; stepId: string | null }
  | { type: 'wait'; until: number; resumeStepId: string | null };

/** What a step decided: written by the adapter exactly as returned. */
export interface StepResult<D> {
  effects: Effect[];
  decision: D;
  /** The output handle taken (null: the step followed no edge, e.g. a jump taken). */
  output: string | null;
  next: StepNext;
  state: RunState;
}

/**
 * Everything about one step type, in its own file: schema, labels, outputs, summary and
 * behaviour. The registry (step-registry.ts) lists them; the definition schema, the
 * interpreter and the adapter's lock analysis all read from it.
 */
export interface StepDefinition<T extends string, S extends z.ZodType, D extends { kind: string; explanation: string }> {
  type: T;
  label: string;
  description: string;
  configSchema: S;
  defaultConfig(): z.output<S>;
  outputs(config: z.output<S>): string[];
  summarize(config: z.output<S>, catalog?: Catalog, context?: SummaryContext): string;
  /** Decides what the step does, purely, from the snapshot the adapter loaded. */
  execute(config: z.output<S>, ctx: StepContext): StepResult<D>;
  /** Assignment pools the adapter must load and lock before the step runs. */
  pools?(config: z.output<S>): PoolKey[];
  /** Steps the run may go to without following an edge (a jump's target). */
  jumpsTo?(config: z.output<S>): string[];
  /** The run pauses in this step: nothing after it needs locks until it resumes. */
  pausesRun?: boolean;
}

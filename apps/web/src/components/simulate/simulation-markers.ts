import type { Problem, VersionSimulation } from '@baton/engine';

/**
 * The steps where a version's simulated runs failed, as canvas problems: the builder's
 * problem markers (node-views.ts, the red count on a step) then mark them on the simulated
 * definition, with how many runs stopped there and why.
 */
export function simulationFailureProblems(version: Pick<VersionSimulation, 'failedSteps'>): Problem[] {
  return Object.entries(version.failedSteps).map(([stepId, f]) => ({
    stepId,
    field: null,
    code: 'invalid_definition',
    message: `${f.count} simulated ${f.count === 1 ? 'run' : 'runs'} failed here: ${f.error}`,
  }));
}

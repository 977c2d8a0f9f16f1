import { describe, expect, it } from 'vitest';
import { reassignIfNoReply, type Catalog } from '@baton/engine';
import { toEditorDefinition } from '../workflow-builder/editor-definition';
import { deriveNodeViews } from '../workflow-builder/node-views';
import { simulationFailureProblems } from './simulation-markers';

const catalog: Catalog = { users: [], teams: [{ id: 'sales', name: 'Sales', memberIds: [] }, { id: 'support', name: 'Support', memberIds: [] }] };

describe('simulation failure markers', () => {
  it('mark each step where simulated runs failed, with the count and the error, and no other step', () => {
    const problems = simulationFailureProblems({
      failedSteps: {
        'assign-second': { count: 12, error: 'Step assign-second cannot run: Choose a team' },
        'no-one-first': { count: 1, error: 'Stopped after 500 steps' },
      },
    });
    expect(problems).toEqual([
      { stepId: 'assign-second', field: null, code: 'invalid_definition', message: '12 simulated runs failed here: Step assign-second cannot run: Choose a team' },
      { stepId: 'no-one-first', field: null, code: 'invalid_definition', message: '1 simulated run failed here: Stopped after 500 steps' },
    ]);
    // Through the builder's own node views: the canvas shows them as the steps' problem markers.
    const def = toEditorDefinition(reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: 15 }))!;
    const views = deriveNodeViews(def, problems, catalog);
    expect(views.get('assign-second')!.problems).toEqual(['12 simulated runs failed here: Step assign-second cannot run: Choose a team']);
    expect(views.get('no-one-first')!.problems).toHaveLength(1);
    expect([...views].filter(([, v]) => v.problems.length > 0).map(([id]) => id).sort()).toEqual(['assign-second', 'no-one-first']);
  });

  it('mark nothing when no run failed', () => {
    expect(simulationFailureProblems({ failedSteps: {} })).toEqual([]);
  });
});

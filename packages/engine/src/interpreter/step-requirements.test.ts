import { describe, expect, it } from 'vitest';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { firstStepAfterTrigger } from './graph';
import { definitionRequirements, requirementsUntilWait } from './step-requirements';

describe('requirementsUntilWait', () => {
  const d = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: 15 });
  it('routing locks only the first pool; the hand-over pool belongs to the step after the wait', () => {
    expect(requirementsUntilWait(d, firstStepAfterTrigger(d)).pools).toEqual(['team:sales']);
    expect(definitionRequirements(d).pools.sort()).toEqual(['team:sales', 'team:support']);
  });
  it('resuming after the wait needs the second pool', () => {
    const wait = d.steps.find((s) => s.type === 'wait')!;
    const resume = d.edges.find((e) => e.source === wait.id)!.target;
    expect(requirementsUntilWait(d, resume).pools).toContain('team:support');
    expect(requirementsUntilWait(d, null).pools).toEqual([]);
  });
});

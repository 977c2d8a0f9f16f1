import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../conditions/evaluate-condition';
import { conditionSchema } from '../conditions/condition-schema';
import { definition, e, NOW, snapshot, state } from '../test-support/fixtures';
import { runUntilPause } from '../interpreter/run-until-pause';
import { validateDefinition } from '../validation/validate-definition';
import { sendMessageStep } from './send-message-step';

const ctx = (s = snapshot()) => ({ stepId: 'm', snapshot: s, state: state({ previousAssigneeId: 'alice' }), follow: () => 'after' });

describe('send message step', () => {
  it('renders the comment variables into one send_message effect', () => {
    const s = snapshot({ conversation: { assigneeId: 'bob', teamId: 'sales' } });
    const r = sendMessageStep.execute({ text: 'Hi {{contact.name}}, {{assignee.name}} from {{team.name}} (was {{previous_assignee.name}})' }, ctx(s));
    expect(r.effects).toEqual([{ type: 'send_message', text: 'Hi Zoe, Bob from Sales (was Alice)' }]);
    expect(r.decision).toMatchObject({ kind: 'send_message', sent: true });
    expect(r.next).toEqual({ type: 'continue', stepId: 'after' });
  });

  it('sends nothing to a closed conversation and says so', () => {
    const r = sendMessageStep.execute({ text: 'Hi' }, ctx(snapshot({ conversation: { status: 'closed' } })));
    expect(r.effects).toEqual([]);
    expect(r.decision.explanation).toMatch(/closed/);
    expect(r.output).toBe('next');
  });

  it('is outgoing for later "any" conditions but never an agent reply', () => {
    const d = definition({
      steps: [
        { id: 'hold', type: 'send_message', config: { text: 'One moment' } },
        {
          id: 'check',
          type: 'branch',
          config: {
            branches: [
              { id: 'agent', conditions: [{ id: 'c1', kind: 'last_outgoing_message', operator: 'not_exists', from: 'agent' }] },
            ],
          },
        },
      ],
      edges: [e('trigger', 'next', 'hold'), e('hold', 'next', 'check')],
    });
    const plan = runUntilPause({ definition: d, versionId: 'v1', startStepId: 'hold', state: state(), snapshot: snapshot() });
    expect(plan.steps.map((s) => s.outcome.output)).toEqual(['next', 'branch:agent']);
    expect(plan.snapshot.conversation.lastOutgoingAt).toBe(NOW);
    expect(plan.snapshot.conversation.lastAgentReplyAt).toBeNull();
    const any = conditionSchema.parse({ id: 'x', kind: 'last_outgoing_message', operator: 'less_than', duration: { amount: 1, unit: 'minutes' }, from: 'any' });
    expect(evaluateCondition(any, plan.snapshot).result).toBe(true);
  });

  it('an unknown variable is a publish-time problem on the step', () => {
    const d = definition({
      steps: [{ id: 'hold', type: 'send_message', config: { text: 'Hi {{contact.email}}' } }],
      edges: [e('trigger', 'next', 'hold')],
    });
    const problems = validateDefinition(d);
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'hold', field: 'config.text', code: 'unknown_variable' }));
  });
});

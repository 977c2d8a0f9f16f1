import { describe, expect, it } from 'vitest';
import { runUntilPause, type RunUntilPauseInput } from '../interpreter/run-until-pause';
import { firstStepAfterTrigger } from '../interpreter/graph';
import { matchesTrigger } from '../trigger/match-trigger';
import { workflowDefinitionSchema } from '../schema/workflow-definition';
import { validateDefinition } from '../validation/validate-definition';
import { candidate, catalog, MINUTE, pool, snapshot, state } from '../test-support/fixtures';
import { reassignIfNoReply } from './reassign-if-no-reply';
import { workflowTemplates } from './workflow-templates';

const advance = (input: Omit<RunUntilPauseInput, 'versionId'>) => runUntilPause({ ...input, versionId: 'v1' });

describe('workflow templates', () => {
  it.each(workflowTemplates.map((t) => [t.id, t] as const))('%s builds a definition that validates with zero problems', (_id, template) => {
    const def = template.build({ firstTeamId: 'sales', secondTeamId: 'support', teamId: 'sales', catalog });
    expect(workflowDefinitionSchema.parse(def)).toEqual(def);
    expect(validateDefinition(def, catalog)).toEqual([]);
    for (const node of [def.trigger, ...def.steps]) expect(node.position).toBeDefined();
    expect(template.name).toBeTruthy();
    expect(template.paramsSchema.safeParse({ firstTeamId: 'a', secondTeamId: 'b', teamId: 'a' }).success).toBe(true);
  });

  it('reassign-if-no-reply runs the seed scenario end to end', () => {
    const def = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', catalog });
    expect(matchesTrigger(def.trigger.config, { type: 'conversation.opened', source: 'contact' })).toBe(true);
    expect(matchesTrigger(def.trigger.config, { type: 'conversation.opened', source: 'api' })).toBe(false);

    const s0 = snapshot({
      pools: {
        'team:sales': pool('team:sales', [candidate('alice'), candidate('bob')]),
        'team:support': pool('team:support', [candidate('alice'), candidate('carol'), candidate('bob')]),
      },
    });
    const first = advance({ definition: def, startStepId: firstStepAfterTrigger(def), snapshot: s0, state: state() });
    expect(first.snapshot.conversation.assigneeId).toBe('alice');
    expect(first.end).toEqual({ status: 'waiting', stepId: 'wait', wakeAt: s0.now + 15 * MINUTE, resumeStepId: 'check-reply' });

    const later = { ...first.snapshot, now: s0.now + 15 * MINUTE };
    const second = advance({ definition: def, startStepId: 'check-reply', snapshot: later, state: first.state });
    expect(second.end).toEqual({ status: 'completed' });
    expect(second.snapshot.conversation).toMatchObject({ assigneeId: 'bob', teamId: 'support' });
    const comment = second.steps.at(-1)?.outcome.effects[0];
    expect(comment).toEqual({
      type: 'comment',
      text: '@Bob Reassigned to you: Alice did not reply within 15 minutes. Customer: Zoe',
      mentionUserIds: ['bob'],
    });
    const decision = second.steps[1]?.outcome.decision;
    expect(decision?.explanation).toBe('Bob chosen by round robin: first in rotation among 1 eligible in Support (Alice already tried, Carol offline).');
  });

  it('reassign-if-no-reply ends quietly when someone replied', () => {
    const def = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', duration: { amount: 2, unit: 'hours' } });
    expect(def.steps.find((s) => s.id === 'notify-reassigned')?.config).toMatchObject({ text: expect.stringContaining('within 2 hours') });
    const s = snapshot({ conversation: { assigneeId: 'alice', lastOutgoingAt: snapshot().now - MINUTE, lastAgentReplyAt: snapshot().now - MINUTE, assigneeRepliedAt: snapshot().now - MINUTE } });
    const r = advance({ definition: def, startStepId: 'check-reply', snapshot: s, state: state() });
    expect(r.steps.map((o) => o.outcome.output)).toEqual(['else']);
    expect(r.end).toEqual({ status: 'completed' });
  });

  it('reassign-if-no-reply asks about the current assignee: a colleague\'s reply does not stop the clock', () => {
    const def = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' });
    // Bob (not the assignee) answered; Alice, who has it, did not.
    const s = snapshot({ conversation: { assigneeId: 'alice', lastOutgoingAt: snapshot().now - MINUTE, assigneeRepliedAt: null } });
    const r = advance({ definition: def, startStepId: 'check-reply', snapshot: s, state: state({ triedUserIds: ['alice'] }) });
    expect(r.steps.map((o) => o.outcome.output)).toEqual(['branch:no-reply', 'next', 'next']);
    expect(r.snapshot.conversation.assigneeId).not.toBe('alice');
  });

  it('no one available leads to an explanatory comment', () => {
    const def = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', catalog });
    const s = snapshot({ pools: { 'team:sales': pool('team:sales', [candidate('carol')]) } });
    const r = advance({ definition: def, startStepId: firstStepAfterTrigger(def), snapshot: s, state: state() });
    expect(r.steps.map((o) => o.outcome.output)).toEqual(['no_one_available', 'next']);
    expect(r.steps[1]?.outcome.effects).toEqual([{ type: 'comment', text: 'No one online in Sales', mentionUserIds: [] }]);
  });
});

describe('reassign-if-no-reply with the out-of-hours hold', () => {
  it('hands over at once inside the second team hours, and outside notes and holds until they open', () => {
    const def = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', catalog, holdOutsideHours: true });
    expect(validateDefinition(def, catalog)).toEqual([]);
    const calendar = {
      timeZone: 'Europe/Berlin',
      workspace: null,
      teams: {
        support: {
          timeZone: 'Europe/Berlin',
          weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] },
          holidays: [],
        },
      },
    };
    const pools = {
      'team:sales': pool('team:sales', [candidate('alice')]),
      'team:support': pool('team:support', [candidate('bob')]),
    };
    const fridayEvening = Date.parse('2025-01-10T17:05:00Z'); // 18:05 in Berlin
    const s = snapshot({ now: fridayEvening, pools, calendar, conversation: { assigneeId: 'alice' } });
    const held = advance({ definition: def, startStepId: 'check-reply', snapshot: s, state: state() });
    expect(held.steps.map((x) => x.stepId)).toEqual(['check-reply', 'second-open', 'out-of-hours-note', 'hold-until-open']);
    expect(held.end).toEqual({ status: 'waiting', stepId: 'hold-until-open', resumeStepId: 'assign-second', wakeAt: Date.parse('2025-01-13T08:00:00Z') });
    const open = advance({ definition: def, startStepId: 'check-reply', snapshot: { ...s, now: Date.parse('2025-01-10T10:00:00Z') }, state: state() });
    expect(open.steps.map((x) => x.stepId)).toEqual(['check-reply', 'second-open', 'assign-second', 'notify-reassigned']);
    expect(open.snapshot.conversation.assigneeId).toBe('bob');
  });
});

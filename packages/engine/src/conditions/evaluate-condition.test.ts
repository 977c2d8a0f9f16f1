import { describe, expect, it } from 'vitest';
import { MINUTE, snapshot } from '../test-support/fixtures';
import { conditionSchema } from './condition-schema';
import { evaluateBranches } from './evaluate-branch';
import { evaluateCondition } from './evaluate-condition';
import { applyEffectsToSnapshot } from '../interpreter/apply-effects';
import { branchConfigSchema } from '../steps/branch-step';

const check = (c: Record<string, unknown>, s = snapshot()) => evaluateCondition(conditionSchema.parse({ id: 'c', ...c }), s).result;
const fifteen = { amount: 15, unit: 'minutes' };

describe('evaluateCondition', () => {
  it('conversation_status', () => {
    expect(check({ kind: 'conversation_status', operator: 'is', value: 'open' })).toBe(true);
    expect(check({ kind: 'conversation_status', operator: 'is', value: 'closed' })).toBe(false);
    expect(check({ kind: 'conversation_status', operator: 'is_not', value: 'closed' })).toBe(true);
    expect(check({ kind: 'conversation_status', operator: 'is_not', value: 'closed' }, snapshot({ conversation: { status: 'closed' } }))).toBe(false);
  });

  it('assignee', () => {
    const assigned = snapshot({ conversation: { assigneeId: 'alice' } });
    const away = snapshot({ conversation: { assigneeId: 'erin' } });
    expect(check({ kind: 'assignee', operator: 'is', userId: 'alice' }, assigned)).toBe(true);
    expect(check({ kind: 'assignee', operator: 'is', userId: 'bob' }, assigned)).toBe(false);
    expect(check({ kind: 'assignee', operator: 'is_not', userId: 'bob' }, assigned)).toBe(true);
    expect(check({ kind: 'assignee', operator: 'is_not', userId: 'alice' }, assigned)).toBe(false);
    expect(check({ kind: 'assignee', operator: 'is_not', userId: 'alice' })).toBe(true);
    expect(check({ kind: 'assignee', operator: 'exists' }, assigned)).toBe(true);
    expect(check({ kind: 'assignee', operator: 'exists' })).toBe(false);
    expect(check({ kind: 'assignee', operator: 'not_exists' })).toBe(true);
    expect(check({ kind: 'assignee', operator: 'is_online' }, assigned)).toBe(true);
    expect(check({ kind: 'assignee', operator: 'is_online' }, away)).toBe(false);
    expect(check({ kind: 'assignee', operator: 'is_online' })).toBe(false);
    expect(check({ kind: 'assignee', operator: 'is_online' }, snapshot({ conversation: { assigneeId: 'ghost' } }))).toBe(false);
  });

  it('team', () => {
    const inSales = snapshot({ conversation: { teamId: 'sales' } });
    expect(check({ kind: 'team', operator: 'is', teamId: 'sales' }, inSales)).toBe(true);
    expect(check({ kind: 'team', operator: 'is', teamId: 'sales' })).toBe(false);
    expect(check({ kind: 'team', operator: 'is_not', teamId: 'support' }, inSales)).toBe(true);
    expect(check({ kind: 'team', operator: 'is_not', teamId: 'sales' }, inSales)).toBe(false);
    expect(check({ kind: 'team', operator: 'exists' }, inSales)).toBe(true);
    expect(check({ kind: 'team', operator: 'not_exists' }, inSales)).toBe(false);
    expect(check({ kind: 'team', operator: 'not_exists' })).toBe(true);
  });

  it('time conditions measure from snapshot.now', () => {
    const s = snapshot({ conversation: { lastOutgoingAt: null, lastIncomingAt: snapshot().now - 20 * MINUTE, openedAt: snapshot().now - 5 * MINUTE } });
    expect(check({ kind: 'last_outgoing_message', operator: 'not_exists' }, s)).toBe(true);
    expect(check({ kind: 'last_outgoing_message', operator: 'exists' }, s)).toBe(false);
    expect(check({ kind: 'last_outgoing_message', operator: 'greater_than', duration: fifteen }, s)).toBe(false);
    expect(check({ kind: 'last_outgoing_message', operator: 'less_than', duration: fifteen }, s)).toBe(false);
    expect(check({ kind: 'last_incoming_message', operator: 'exists' }, s)).toBe(true);
    expect(check({ kind: 'last_incoming_message', operator: 'greater_than', duration: fifteen }, s)).toBe(true);
    expect(check({ kind: 'last_incoming_message', operator: 'less_than', duration: fifteen }, s)).toBe(false);
    expect(check({ kind: 'conversation_opened', operator: 'less_than', duration: fifteen }, s)).toBe(true);
    expect(check({ kind: 'conversation_opened', operator: 'greater_than', duration: fifteen }, s)).toBe(false);
    expect(check({ kind: 'conversation_opened', operator: 'not_exists' }, s)).toBe(false);
  });

  it('time comparisons are strict at the boundary', () => {
    const s = snapshot({ conversation: { lastOutgoingAt: snapshot().now - 15 * MINUTE, lastAgentReplyAt: snapshot().now - 15 * MINUTE } });
    expect(check({ kind: 'last_outgoing_message', operator: 'greater_than', duration: fifteen }, s)).toBe(false);
    expect(check({ kind: 'last_outgoing_message', operator: 'less_than', duration: fifteen }, s)).toBe(false);
  });

  it('outgoing-message conditions count agent replies only unless told "any"', () => {
    // A workflow's automated message: outgoing, but nobody replied.
    const s = snapshot({ conversation: { lastOutgoingAt: snapshot().now - MINUTE, lastAgentReplyAt: null } });
    expect(check({ kind: 'last_outgoing_message', operator: 'not_exists' }, s)).toBe(true);
    expect(check({ kind: 'last_outgoing_message', operator: 'not_exists', from: 'agent' }, s)).toBe(true);
    expect(check({ kind: 'last_outgoing_message', operator: 'not_exists', from: 'any' }, s)).toBe(false);
    expect(check({ kind: 'last_outgoing_message', operator: 'less_than', duration: fifteen, from: 'any' }, s)).toBe(true);
    const replied = snapshot({ conversation: { lastOutgoingAt: snapshot().now - MINUTE, lastAgentReplyAt: snapshot().now - MINUTE } });
    expect(check({ kind: 'last_outgoing_message', operator: 'exists' }, replied)).toBe(true);
    expect(check({ kind: 'last_outgoing_message', operator: 'exists', from: 'any' }, replied)).toBe(true);
  });

  it('assignee_replied and current_assignment read the current assignee\'s clock', () => {
    const now = snapshot().now;
    const waiting = snapshot({ conversation: { assigneeId: 'alice', assignedAt: now - 20 * MINUTE, assigneeRepliedAt: null, lastOutgoingAt: now - MINUTE } });
    // Somebody else's outgoing message (lastOutgoingAt) does not stop Alice's clock.
    expect(check({ kind: 'assignee_replied', operator: 'not_exists' }, waiting)).toBe(true);
    expect(check({ kind: 'assignee_replied', operator: 'exists' }, waiting)).toBe(false);
    expect(check({ kind: 'current_assignment', operator: 'greater_than', duration: fifteen }, waiting)).toBe(true);
    expect(check({ kind: 'current_assignment', operator: 'less_than', duration: fifteen }, waiting)).toBe(false);
    expect(check({ kind: 'current_assignment', operator: 'exists' }, waiting)).toBe(true);

    const replied = snapshot({ conversation: { assigneeId: 'alice', assignedAt: now - 20 * MINUTE, assigneeRepliedAt: now - 2 * MINUTE } });
    expect(check({ kind: 'assignee_replied', operator: 'exists' }, replied)).toBe(true);
    expect(check({ kind: 'assignee_replied', operator: 'not_exists' }, replied)).toBe(false);
    expect(check({ kind: 'assignee_replied', operator: 'less_than', duration: fifteen }, replied)).toBe(true);
    expect(check({ kind: 'assignee_replied', operator: 'greater_than', duration: fifteen }, replied)).toBe(false);

    // Unassigned: no clock at all, whatever stale values the row carries.
    const nobody = snapshot({ conversation: { assigneeId: null, assignedAt: now - 20 * MINUTE, assigneeRepliedAt: now - MINUTE } });
    expect(check({ kind: 'assignee_replied', operator: 'exists' }, nobody)).toBe(false);
    expect(check({ kind: 'current_assignment', operator: 'exists' }, nobody)).toBe(false);
    expect(check({ kind: 'current_assignment', operator: 'not_exists' }, nobody)).toBe(true);
    expect(check({ kind: 'current_assignment', operator: 'greater_than', duration: fifteen }, nobody)).toBe(false);
  });

  it('an assignment in the same run restarts the clock; re-assigning the same person does not', () => {
    const now = snapshot().now;
    const replied = snapshot({ conversation: { assigneeId: 'alice', assignedAt: now - 20 * MINUTE, assigneeRepliedAt: now - 2 * MINUTE } });
    const toBob = applyEffectsToSnapshot(replied, [{ type: 'assign', userId: 'bob', teamId: null, reason: 'r' }]);
    expect(toBob.conversation).toMatchObject({ assigneeId: 'bob', assignedAt: now, assigneeRepliedAt: null });
    expect(check({ kind: 'assignee_replied', operator: 'not_exists' }, toBob)).toBe(true);
    expect(check({ kind: 'current_assignment', operator: 'less_than', duration: fifteen }, toBob)).toBe(true);
    const again = applyEffectsToSnapshot(replied, [{ type: 'assign', userId: 'alice', teamId: 'sales', reason: 'r' }]);
    expect(again.conversation).toMatchObject({ assignedAt: now - 20 * MINUTE, assigneeRepliedAt: now - 2 * MINUTE });
    const dropped = applyEffectsToSnapshot(replied, [{ type: 'unassign', reason: 'r' }]);
    expect(dropped.conversation).toMatchObject({ assigneeId: null, assignedAt: null, assigneeRepliedAt: null });
  });

  it('contact_field', () => {
    expect(check({ kind: 'contact_field', key: 'plan', operator: 'is', value: 'Enterprise' })).toBe(true);
    expect(check({ kind: 'contact_field', key: 'plan', operator: 'is', value: 'enterprise' })).toBe(false);
    expect(check({ kind: 'contact_field', key: 'plan', operator: 'is_not', value: 'Free' })).toBe(true);
    expect(check({ kind: 'contact_field', key: 'missing', operator: 'is_not', value: 'Free' })).toBe(true);
    expect(check({ kind: 'contact_field', key: 'plan', operator: 'contains', value: 'PRISE' })).toBe(true);
    expect(check({ kind: 'contact_field', key: 'missing', operator: 'contains', value: '' })).toBe(false);
    expect(check({ kind: 'contact_field', key: 'plan', operator: 'exists' })).toBe(true);
    expect(check({ kind: 'contact_field', key: 'missing', operator: 'exists' })).toBe(false);
    expect(check({ kind: 'contact_field', key: 'blank', operator: 'not_exists' }, snapshot({ contact: { fields: { blank: ' ' } } }))).toBe(true);
    expect(check({ kind: 'contact_field', key: 'toString', operator: 'exists' })).toBe(false);
  });

  it('contact_tag and channel', () => {
    expect(check({ kind: 'contact_tag', operator: 'has', tag: 'vip' })).toBe(true);
    expect(check({ kind: 'contact_tag', operator: 'has_not', tag: 'vip' })).toBe(false);
    expect(check({ kind: 'contact_tag', operator: 'has_not', tag: 'churned' })).toBe(true);
    expect(check({ kind: 'channel', operator: 'is', channelId: 'email' })).toBe(true);
    expect(check({ kind: 'channel', operator: 'is_not', channelId: 'email' })).toBe(false);
    expect(check({ kind: 'channel', operator: 'is_not', channelId: 'chat' })).toBe(true);
  });

  it('records what it saw', () => {
    const r = evaluateCondition(conditionSchema.parse({ id: 'x', kind: 'conversation_status', operator: 'is', value: 'open' }), snapshot());
    expect(r).toEqual({ conditionId: 'x', kind: 'conversation_status', operator: 'is', result: true, actual: 'open' });
  });
});

describe('evaluateBranches', () => {
  const config = branchConfigSchema.parse({
    branches: [
      { id: 'both', match: 'all', conditions: [{ id: 'a', kind: 'contact_tag', operator: 'has', tag: 'vip' }, { id: 'b', kind: 'assignee', operator: 'exists' }] },
      { id: 'either', match: 'any', conditions: [{ id: 'c', kind: 'assignee', operator: 'exists' }, { id: 'd', kind: 'contact_tag', operator: 'has', tag: 'vip' }] },
      { id: 'also', match: 'any', conditions: [{ id: 'e', kind: 'contact_tag', operator: 'has', tag: 'vip' }] },
    ],
  });
  it('takes the first matching branch and records every condition', () => {
    const d = evaluateBranches(config, snapshot());
    expect(d.takenBranchId).toBe('either');
    expect(d.handle).toBe('branch:either');
    expect(d.branches.map((b) => b.matched)).toEqual([false, true, true]);
    expect(d.branches[0]?.conditions.map((c) => c.result)).toEqual([true, false]);
  });
  it('falls back to else', () => {
    const d = evaluateBranches(config, snapshot({ contact: { tags: [] } }));
    expect(d.takenBranchId).toBeNull();
    expect(d.handle).toBe('else');
    expect(d.explanation).toMatch(/Else/);
  });
});

import { describe, expect, it } from 'vitest';
import { conditionSchema } from '../conditions/condition-schema';
import { assignConfigSchema } from '../steps/assign-step';
import { branchConfigSchema } from '../steps/branch-step';
import { closeConfigSchema } from '../steps/close-step';
import { commentConfigSchema } from '../steps/comment-step';
import { jumpConfigSchema } from '../steps/jump-step';
import { waitConfigSchema } from '../steps/wait-step';
import { triggerConfigSchema } from '../trigger/trigger-schema';
import { edgeSchema, stepNodeSchema, workflowDefinitionSchema } from './workflow-definition';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => expect(schema.safeParse(v).success).toBe(true);
const bad = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => expect(schema.safeParse(v).success).toBe(false);

describe('trigger config', () => {
  it('accepts each event and applies default conditions', () => {
    for (const event of ['conversation.opened', 'conversation.closed', 'message.received', 'manual']) {
      expect(triggerConfigSchema.parse({ event })).toEqual({ event, conditions: [] });
    }
  });
  it('checks value shape against operator', () => {
    ok(triggerConfigSchema, { event: 'manual', conditions: [{ id: 'c', field: 'source', operator: 'is', value: 'contact' }] });
    ok(triggerConfigSchema, { event: 'manual', conditions: [{ id: 'c', field: 'source', operator: 'is_any_of', value: ['api', 'user'] }] });
    bad(triggerConfigSchema, { event: 'manual', conditions: [{ id: 'c', field: 'source', operator: 'is_any_of', value: 'api' }] });
    bad(triggerConfigSchema, { event: 'manual', conditions: [{ id: 'c', field: 'source', operator: 'is', value: ['api'] }] });
    bad(triggerConfigSchema, { event: 'manual', conditions: [{ id: 'c', field: 'source', operator: 'is', value: 'robot' }] });
    bad(triggerConfigSchema, { event: 'conversation.snoozed' });
  });
});

describe('assign config', () => {
  it('fills defaults', () => {
    expect(assignConfigSchema.parse({ target: { type: 'team', teamId: 'sales' } })).toEqual({
      target: { type: 'team', teamId: 'sales' },
      logic: 'round_robin',
      onlyOnline: true,
      maxOpen: null,
      excludeTried: true,
    });
  });
  it('accepts every target type', () => {
    for (const target of [{ type: 'user', userId: 'u' }, { type: 'team', teamId: 't' }, { type: 'workspace' }, { type: 'unassign' }]) {
      ok(assignConfigSchema, { target });
    }
  });
  it('rejects bad targets, logic and caps', () => {
    bad(assignConfigSchema, { target: { type: 'team' } });
    bad(assignConfigSchema, { target: { type: 'user', userId: '' } });
    bad(assignConfigSchema, { target: { type: 'group' } });
    bad(assignConfigSchema, { target: { type: 'workspace' }, logic: 'random' });
    bad(assignConfigSchema, { target: { type: 'workspace' }, maxOpen: 0 });
    bad(assignConfigSchema, { target: { type: 'workspace' }, maxOpen: 2.5 });
  });
});

describe('wait config', () => {
  it('accepts 1 second to 30 days', () => {
    ok(waitConfigSchema, { duration: { amount: 1, unit: 'seconds' } });
    ok(waitConfigSchema, { duration: { amount: 30, unit: 'days' } });
    ok(waitConfigSchema, { duration: { amount: 720, unit: 'hours' } });
  });
  it('rejects out of range and malformed durations', () => {
    bad(waitConfigSchema, { duration: { amount: 0.5, unit: 'seconds' } });
    bad(waitConfigSchema, { duration: { amount: 31, unit: 'days' } });
    bad(waitConfigSchema, { duration: { amount: 0, unit: 'minutes' } });
    bad(waitConfigSchema, { duration: { amount: -1, unit: 'minutes' } });
    bad(waitConfigSchema, { duration: { amount: 5, unit: 'weeks' } });
  });
});

describe('conditions', () => {
  const valid = [
    { kind: 'conversation_status', operator: 'is', value: 'open' },
    { kind: 'conversation_status', operator: 'is_not', value: 'closed' },
    { kind: 'assignee', operator: 'is', userId: 'u' },
    { kind: 'assignee', operator: 'exists' },
    { kind: 'assignee', operator: 'is_online' },
    { kind: 'team', operator: 'is_not', teamId: 't' },
    { kind: 'team', operator: 'not_exists' },
    { kind: 'last_outgoing_message', operator: 'not_exists' },
    { kind: 'last_incoming_message', operator: 'greater_than', duration: { amount: 5, unit: 'minutes' } },
    { kind: 'conversation_opened', operator: 'less_than', duration: { amount: 1, unit: 'hours' } },
    { kind: 'contact_field', key: 'plan', operator: 'contains', value: 'ent' },
    { kind: 'contact_field', key: 'plan', operator: 'exists' },
    { kind: 'contact_tag', operator: 'has', tag: 'vip' },
    { kind: 'channel', operator: 'is', channelId: 'email' },
  ];
  it.each(valid)('accepts %o', (c) => ok(conditionSchema, { id: 'c1', ...c }));

  const invalid = [
    { kind: 'conversation_status', operator: 'is', value: 'snoozed' },
    { kind: 'assignee', operator: 'is' },
    { kind: 'assignee', operator: 'has' },
    { kind: 'team', operator: 'is' },
    { kind: 'last_outgoing_message', operator: 'greater_than' },
    { kind: 'conversation_opened', operator: 'is', duration: { amount: 1, unit: 'hours' } },
    { kind: 'contact_field', key: 'plan', operator: 'is' },
    { kind: 'contact_field', key: '', operator: 'exists' },
    { kind: 'contact_tag', operator: 'has', tag: '' },
    { kind: 'channel', operator: 'is' },
    { kind: 'weather', operator: 'is', value: 'sunny' },
  ];
  it.each(invalid)('rejects %o', (c) => bad(conditionSchema, { id: 'c1', ...c }));
  it('requires an id', () => bad(conditionSchema, { kind: 'assignee', operator: 'exists' }));
});

describe('branch config', () => {
  const cond = { id: 'c', kind: 'assignee', operator: 'exists' };
  it('accepts 1..9 branches of 1..10 conditions and defaults match to all', () => {
    const parsed = branchConfigSchema.parse({ branches: [{ id: 'a', conditions: [cond] }] });
    expect(parsed.branches[0]?.match).toBe('all');
    ok(branchConfigSchema, { branches: Array.from({ length: 9 }, (_, i) => ({ id: `b${i}`, conditions: Array(10).fill(cond) })) });
  });
  it('rejects empty, too many and duplicate branches', () => {
    bad(branchConfigSchema, { branches: [] });
    bad(branchConfigSchema, { branches: [{ id: 'a', conditions: [] }] });
    bad(branchConfigSchema, { branches: [{ id: 'a', conditions: Array(11).fill(cond) }] });
    bad(branchConfigSchema, { branches: Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, conditions: [cond] })) });
    bad(branchConfigSchema, { branches: [{ id: 'a', conditions: [cond] }, { id: 'a', conditions: [cond] }] });
  });
});

describe('comment, close, jump configs', () => {
  it('comment', () => {
    expect(commentConfigSchema.parse({ text: 'hi' })).toEqual({ text: 'hi', mentions: [] });
    ok(commentConfigSchema, { text: 'x', mentions: [{ type: 'user', userId: 'u' }, { type: 'current_assignee' }] });
    bad(commentConfigSchema, { text: '' });
    bad(commentConfigSchema, { text: '   ' });
    bad(commentConfigSchema, { text: 'x'.repeat(5001) });
    bad(commentConfigSchema, { text: 'x', mentions: [{ type: 'team', teamId: 't' }] });
  });
  it('close', () => {
    ok(closeConfigSchema, {});
    ok(closeConfigSchema, { reason: 'spam' });
    bad(closeConfigSchema, { reason: 'x'.repeat(201) });
  });
  it('jump', () => {
    ok(jumpConfigSchema, { targetStepId: 's1', maxJumps: 1 });
    ok(jumpConfigSchema, { targetStepId: 's1', maxJumps: 10 });
    bad(jumpConfigSchema, { targetStepId: 's1', maxJumps: 0 });
    bad(jumpConfigSchema, { targetStepId: 's1', maxJumps: 11 });
    bad(jumpConfigSchema, { targetStepId: '', maxJumps: 1 });
  });
});

describe('nodes, edges and definition', () => {
  it('discriminates steps on type', () => {
    ok(stepNodeSchema, { id: 's1', type: 'close', config: {} });
    ok(stepNodeSchema, { id: 's1', type: 'wait', name: 'Pause', position: { x: 1, y: 2 }, config: { duration: { amount: 1, unit: 'hours' } } });
    bad(stepNodeSchema, { id: 's1', type: 'wait', config: {} });
    bad(stepNodeSchema, { id: 's1', type: 'teleport', config: {} });
    bad(stepNodeSchema, { id: 'has space', type: 'close', config: {} });
  });
  it('edges need all fields', () => {
    ok(edgeSchema, { id: 'e', source: 'a', sourceHandle: 'next', target: 'b' });
    bad(edgeSchema, { id: 'e', source: 'a', target: 'b' });
  });
  it('definition requires schemaVersion 1 and at most 100 steps', () => {
    const base = { trigger: { id: 't', type: 'trigger', config: { event: 'manual' } }, edges: [] };
    ok(workflowDefinitionSchema, { schemaVersion: 1, steps: [], ...base });
    bad(workflowDefinitionSchema, { schemaVersion: 2, steps: [], ...base });
    const steps = Array.from({ length: 101 }, (_, i) => ({ id: `s${i}`, type: 'close', config: {} }));
    bad(workflowDefinitionSchema, { schemaVersion: 1, steps, ...base });
    ok(workflowDefinitionSchema, { schemaVersion: 1, steps: steps.slice(0, 100), ...base });
  });
});

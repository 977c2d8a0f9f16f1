import { describe, expect, it } from 'vitest';
import { catalog, e } from '../test-support/fixtures';
import { canPublish } from './problem';
import { validateDefinition } from './validate-definition';

const trigger = { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } };
const raw = (steps: unknown[], edges: unknown[]) => ({ schemaVersion: 1, trigger, steps, edges });
const assignTeam = (id: string, teamId: string) => ({ id, type: 'assign', config: { target: { type: 'team', teamId } } });
const note = (id: string, text = 'hi', mentions: unknown[] = []) => ({ id, type: 'comment', config: { text, mentions } });
const codes = (def: unknown, cat = catalog) => validateDefinition(def, cat).map((p) => p.code);

describe('validateDefinition', () => {
  it('accepts a small valid workflow', () => {
    const problems = validateDefinition(raw([assignTeam('a', 'sales'), note('n')], [e('trigger', 'next', 'a'), e('a', 'next', 'n')]), catalog);
    expect(problems).toEqual([]);
    expect(canPublish(problems)).toBe(true);
  });

  it('never throws on garbage', () => {
    for (const bad of [null, 42, 'x', [], {}, { steps: 'no' }, { trigger: 5, steps: [null, 1], edges: [null] }]) {
      const problems = validateDefinition(bad);
      expect(problems.length).toBeGreaterThan(0);
      expect(canPublish(problems)).toBe(false);
    }
  });

  it('maps zod issues to step id and field path', () => {
    const problems = validateDefinition(raw([{ id: 'a', type: 'assign', name: 'Route', config: { target: { type: 'team' } } }], [e('trigger', 'next', 'a')]));
    expect(problems).toContainEqual({
      stepId: 'a',
      field: 'config.target.teamId',
      code: 'invalid_field',
      message: 'Step “Route”: config.target.teamId is required.',
    });
  });

  it('flags unknown step types and trigger config errors', () => {
    const problems = validateDefinition({ ...raw([{ id: 'x', type: 'teleport', config: {} }], [e('trigger', 'next', 'x')]), trigger: { ...trigger, config: { event: 'nope' } } });
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'x', field: 'type', code: 'unknown_step_type' }));
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'trigger', field: 'config.event', code: 'invalid_field' }));
  });

  it('flags duplicate ids (nodes and edges)', () => {
    const def = raw([note('a'), note('a')], [e('trigger', 'next', 'a'), e('trigger', 'next', 'a')]);
    expect(codes(def)).toEqual(expect.arrayContaining(['duplicate_id', 'duplicate_edge_id', 'duplicate_output_edge']));
    expect(codes(raw([note('trigger')], [e('trigger', 'next', 'trigger')]))).toContain('duplicate_id');
  });

  it('flags more than 100 steps', () => {
    const steps = Array.from({ length: 101 }, (_, i) => note(`s${i}`));
    const edges = [e('trigger', 'next', 's0'), ...steps.slice(1).map((_, i) => e(`s${i}`, 'next', `s${i + 1}`))];
    const problems = validateDefinition(raw(steps, edges));
    expect(problems.map((p) => p.code)).toEqual(['too_many_steps']);
  });

  it('flags dangling edges: unknown source, target and handle; edges into the trigger', () => {
    const def = raw([note('a')], [e('trigger', 'next', 'a'), e('ghost', 'next', 'a'), e('a', 'next', 'ghost'), e('a', 'no_one_available', 'a'), { id: 'back', source: 'a', sourceHandle: 'next', target: 'trigger' }]);
    const problems = validateDefinition(def);
    expect(problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['edge_unknown_source', 'edge_unknown_target', 'edge_unknown_handle', 'edge_to_trigger', 'duplicate_output_edge']),
    );
    expect(problems.find((p) => p.code === 'edge_unknown_handle')).toMatchObject({ stepId: 'a', field: 'edges.3.sourceHandle' });
  });

  it('checks handles of branch steps against their branch ids', () => {
    const branch = { id: 'b', type: 'branch', config: { branches: [{ id: 'vip', conditions: [{ id: 'c', kind: 'contact_tag', operator: 'has', tag: 'vip' }] }] } };
    expect(codes(raw([branch, note('n')], [e('trigger', 'next', 'b'), e('b', 'branch:vip', 'n')]))).toEqual([]);
    expect(codes(raw([branch, note('n')], [e('trigger', 'next', 'b'), e('b', 'branch:other', 'n')]))).toEqual(['edge_unknown_handle']);
  });

  it('flags a trigger with no outgoing edge and unreachable steps', () => {
    expect(codes(raw([note('a')], []))).toEqual(['trigger_not_connected', 'unreachable_step']);
    expect(codes(raw([], []))).toEqual(['trigger_not_connected']);
  });

  it('flags cycles made of edges as unbounded loops', () => {
    const problems = validateDefinition(raw([note('a'), note('b'), assignTeam('c', 'sales')], [e('trigger', 'next', 'a'), e('a', 'next', 'b'), e('b', 'next', 'c'), e('c', 'no_one_available', 'a')]), catalog);
    expect(problems.map((p) => p.code)).toEqual(['unbounded_loop']);
    expect(problems[0]?.message).toContain('"a" → "b" → "c" → "a"');
    expect(codes(raw([note('a')], [e('trigger', 'next', 'a'), e('a', 'next', 'a')]))).toEqual(['unbounded_loop']);
  });

  it('requires jump targets to be earlier steps on the path', () => {
    const jump = (target: string) => ({ id: 'j', type: 'jump', config: { targetStepId: target, maxJumps: 2 } });
    const base = [e('trigger', 'next', 'a'), e('a', 'next', 'j')];
    expect(codes(raw([note('a'), jump('a')], base))).toEqual([]);
    expect(codes(raw([note('a'), jump('nope')], base))).toEqual(['jump_target_unknown']);
    expect(codes(raw([note('a'), jump('j')], base))).toEqual(['jump_target_not_earlier']);
    expect(codes(raw([note('a'), jump('z'), note('z')], [...base, e('j', 'limit_reached', 'z')]))).toEqual(['jump_target_not_earlier']);
    // A step on a sibling path is not an ancestor either.
    const branch = { id: 'b', type: 'branch', config: { branches: [{ id: 'x', conditions: [{ id: 'c', kind: 'contact_tag', operator: 'has', tag: 'vip' }] }] } };
    expect(codes(raw([branch, note('left'), jump('left')], [e('trigger', 'next', 'b'), e('b', 'branch:x', 'left'), e('b', 'else', 'j')]))).toEqual(['jump_target_not_earlier']);
  });

  it('flags unknown comment variables', () => {
    const problems = validateDefinition(raw([note('n', 'Hi {{contact.name}} {{contact.email}}')], [e('trigger', 'next', 'n')]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ stepId: 'n', field: 'config.text', code: 'unknown_variable' });
    expect(problems[0]?.message).toContain('{{contact.email}}');
  });

  it('checks users, teams and channels against the catalog', () => {
    const branch = {
      id: 'b',
      type: 'branch',
      config: {
        branches: [
          {
            id: 'x',
            conditions: [
              { id: 'c1', kind: 'assignee', operator: 'is', userId: 'ghost' },
              { id: 'c2', kind: 'team', operator: 'is', teamId: 'ghost-team' },
              { id: 'c3', kind: 'channel', operator: 'is', channelId: 'fax' },
            ],
          },
        ],
      },
    };
    const steps = [
      { id: 'u', type: 'assign', config: { target: { type: 'user', userId: 'ghost' } } },
      assignTeam('t', 'ghost-team'),
      assignTeam('empty', 'empty'),
      note('n', 'x', [{ type: 'user', userId: 'ghost' }]),
      branch,
    ];
    const edges = [e('trigger', 'next', 'u'), e('u', 'next', 't'), e('t', 'next', 'empty'), e('empty', 'next', 'n'), e('n', 'next', 'b')];
    const problems = validateDefinition(raw(steps, edges), catalog);
    expect(problems.map((p) => [p.stepId, p.field, p.code])).toEqual([
      ['u', 'config.target.userId', 'unknown_user'],
      ['t', 'config.target.teamId', 'unknown_team'],
      ['empty', 'config.target.teamId', 'empty_team'],
      ['n', 'config.mentions.0.userId', 'unknown_user'],
      ['b', 'config.branches.0.conditions.0.userId', 'unknown_user'],
      ['b', 'config.branches.0.conditions.1.teamId', 'unknown_team'],
      ['b', 'config.branches.0.conditions.2.channelId', 'unknown_channel'],
    ]);
    // Without a catalog these can't be judged.
    expect(validateDefinition(raw(steps, edges))).toEqual([]);
  });

  it('still runs graph checks when a step fails the schema', () => {
    const problems = validateDefinition(raw([{ id: 'w', type: 'wait', config: { duration: { amount: 99, unit: 'days' } } }, note('n')], [e('trigger', 'next', 'w'), e('w', 'nope', 'n')]));
    expect(problems.map((p) => p.code)).toEqual(['invalid_field', 'edge_unknown_handle']);
    expect(problems[0]).toMatchObject({ stepId: 'w', field: 'config.duration' });
    for (const p of problems) expect(p.message).toMatch(/^[A-Z“"].+\.$/);
  });
});

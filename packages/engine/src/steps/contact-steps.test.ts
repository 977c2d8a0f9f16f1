import { describe, expect, it } from 'vitest';
import { catalog, definition, e, snapshot, state } from '../test-support/fixtures';
import { runUntilPause } from '../interpreter/run-until-pause';
import { validateDefinition } from '../validation/validate-definition';
import { matchesTrigger } from '../trigger/match-trigger';

const withContacts = {
  ...catalog,
  contactFields: [
    { key: 'plan', label: 'Plan', type: 'select' as const, options: ['Free', 'Enterprise'] },
    { key: 'seats', label: 'Seats', type: 'number' as const, options: [] },
    { key: 'language', label: 'Language', type: 'text' as const, options: [] },
  ],
  tags: ['vip', 'german'],
};

// set plan → tag german → check the tag and the field in a branch → priority: later steps of
// the same run see what earlier ones wrote (apply-effects mirrors the writer).
const def = definition({
  steps: [
    { id: 'plan', type: 'set_contact_field', config: { key: 'plan', value: 'Free' } },
    { id: 'tag', type: 'tag_contact', config: { action: 'add', tag: 'german' } },
    {
      id: 'check',
      type: 'branch',
      config: {
        branches: [
          {
            id: 'both',
            match: 'all',
            conditions: [
              { id: 'c1', kind: 'contact_tag', operator: 'has', tag: 'german' },
              { id: 'c2', kind: 'contact_field', operator: 'is', key: 'plan', value: 'Free' },
            ],
          },
        ],
      },
    },
    { id: 'urgent', type: 'set_priority', config: { priority: 'urgent' } },
    { id: 'untag', type: 'tag_contact', config: { action: 'remove', tag: 'vip' } },
    { id: 'clear', type: 'set_contact_field', config: { key: 'language', action: 'clear' } },
  ],
  edges: [
    e('trigger', 'next', 'plan'),
    e('plan', 'next', 'tag'),
    e('tag', 'next', 'check'),
    e('check', 'branch:both', 'urgent'),
    e('urgent', 'next', 'untag'),
    e('untag', 'next', 'clear'),
  ],
});

describe('contact steps', () => {
  it('write fields, tags and priority, and later steps see them', () => {
    const r = runUntilPause({ definition: def, versionId: 'v1', startStepId: 'plan', snapshot: snapshot(), state: state() });
    expect(r.end).toEqual({ status: 'completed' });
    expect(r.steps.map((s) => [s.stepId, s.outcome.output, s.outcome.effects])).toEqual([
      ['plan', 'next', [{ type: 'set_contact_field', key: 'plan', value: 'Free' }]],
      ['tag', 'next', [{ type: 'add_tag', tag: 'german' }]],
      ['check', 'branch:both', []],
      ['urgent', 'next', [{ type: 'set_priority', priority: 'urgent' }]],
      ['untag', 'next', [{ type: 'remove_tag', tag: 'vip' }]],
      // language was never set: clearing it changes nothing, so nothing is written.
      ['clear', 'next', []],
    ]);
    expect(r.snapshot.contact).toMatchObject({ fields: { plan: 'Free' }, tags: ['german'] });
    expect(r.snapshot.conversation.priority).toBe('urgent');
    expect(r.steps[0]!.outcome.decision).toMatchObject({ before: 'Enterprise', after: 'Free' });
  });

  it('a tag the contact already has, or a priority it already has, writes nothing', () => {
    const d = definition({
      steps: [
        { id: 'tag', type: 'tag_contact', config: { action: 'add', tag: 'vip' } },
        { id: 'p', type: 'set_priority', config: { priority: 'normal' } },
      ],
      edges: [e('trigger', 'next', 'tag'), e('tag', 'next', 'p')],
    });
    const r = runUntilPause({ definition: d, versionId: 'v1', startStepId: 'tag', snapshot: snapshot(), state: state() });
    expect(r.steps.flatMap((s) => s.outcome.effects)).toEqual([]);
    expect(r.steps[0]!.outcome.decision).toMatchObject({ changed: false });
  });
});

describe('publish-time problems for contact fields and tags', () => {
  it('names unknown fields and tags, values of the wrong type, on the step and the trigger', () => {
    const bad = definition({
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'contact.tag_added', tag: 'spanish' } },
      steps: [
        { id: 'a', type: 'set_contact_field', config: { key: 'colour', value: 'red' } },
        { id: 'b', type: 'set_contact_field', config: { key: 'seats', value: 'many' } },
        { id: 'c', type: 'tag_contact', config: { tag: 'gold' } },
        { id: 'd', type: 'branch', config: { branches: [{ id: 'x', conditions: [{ id: 'k', kind: 'contact_field', operator: 'is', key: 'plan', value: 'Pro' }] }] } },
        { id: 'f', type: 'set_contact_field', config: { key: 'seats', value: '10.0' } },
      ],
      edges: [e('trigger', 'next', 'a'), e('a', 'next', 'b'), e('b', 'next', 'c'), e('c', 'next', 'd'), e('d', 'else', 'f')],
    });
    const problems = validateDefinition(bad, withContacts).map((p) => [p.stepId, p.field, p.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['trigger', 'config.tag', 'unknown_tag'],
        ['a', 'config.key', 'unknown_contact_field'],
        ['b', 'config.value', 'invalid_field_value'],
        ['c', 'config.tag', 'unknown_tag'],
        ['d', 'config.branches.0.conditions.0.value', 'invalid_field_value'],
        ['f', 'config.value', 'invalid_field_value'],
      ]),
    );
    expect(problems).toHaveLength(6);
    expect(validateDefinition(def, withContacts)).toEqual([]);
  });
});

describe('contact triggers', () => {
  it('match the tag or field they name, any when they name none', () => {
    const tagged = { type: 'contact.tag_added' as const, source: 'user' as const, payload: { tag: 'vip' } };
    expect(matchesTrigger({ event: 'contact.tag_added', conditions: [], tag: 'vip' }, tagged)).toBe(true);
    expect(matchesTrigger({ event: 'contact.tag_added', conditions: [], tag: 'german' }, tagged)).toBe(false);
    expect(matchesTrigger({ event: 'contact.tag_added', conditions: [] }, tagged)).toBe(true);
    const changed = { type: 'contact.field_changed' as const, source: 'api' as const, payload: { key: 'plan' } };
    expect(matchesTrigger({ event: 'contact.field_changed', conditions: [], fieldKey: 'seats' }, changed)).toBe(false);
    expect(matchesTrigger({ event: 'contact.field_changed', conditions: [], fieldKey: 'plan' }, changed)).toBe(true);
  });
});

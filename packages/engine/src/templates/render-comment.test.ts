import { describe, expect, it } from 'vitest';
import { commentConfigSchema } from '../steps/comment-step';
import { snapshot, state } from '../test-support/fixtures';
import { extractVariables, unknownVariables } from './comment-variables';
import { renderComment } from './render-comment';

const cfg = (text: string, mentions: unknown[] = []) => commentConfigSchema.parse({ text, mentions });

describe('renderComment', () => {
  it('renders every variable', () => {
    const s = snapshot({ conversation: { assigneeId: 'bob', teamId: 'support' } });
    const r = renderComment(
      cfg('{{contact.name}} / {{ assignee.name }} / {{previous_assignee.name}} / {{workflow.name}} / {{team.name}}'),
      s,
      state({ previousAssigneeId: 'alice' }),
    );
    expect(r.text).toBe('Zoe / Bob / Alice / Triage / Support');
    expect(r.mentionUserIds).toEqual([]);
  });

  it('uses readable fallbacks for missing values', () => {
    const s = snapshot({ contact: { name: null } });
    expect(renderComment(cfg('{{contact.name}}|{{assignee.name}}|{{previous_assignee.name}}|{{team.name}}'), s, state()).text).toBe(
      'Unknown contact|Unassigned|Nobody|No team',
    );
  });

  it('leaves unknown variables untouched', () => {
    expect(renderComment(cfg('Hi {{contact.email}}'), snapshot(), state()).text).toBe('Hi {{contact.email}}');
  });

  it('resolves mentions and prefixes @names not already in the text', () => {
    const s = snapshot({ conversation: { assigneeId: 'bob' } });
    const r = renderComment(cfg('Please look, @Alice', [{ type: 'current_assignee' }, { type: 'user', userId: 'alice' }, { type: 'user', userId: 'bob' }]), s, state());
    expect(r.mentionUserIds).toEqual(['bob', 'alice']);
    expect(r.text).toBe('@Bob Please look, @Alice');
  });

  it('drops current_assignee when unassigned and users that no longer exist', () => {
    const r = renderComment(cfg('x', [{ type: 'current_assignee' }, { type: 'user', userId: 'ghost' }]), snapshot(), state());
    expect(r).toEqual({ text: 'x', mentionUserIds: [] });
  });
});

describe('comment variables', () => {
  it('extracts and flags unknown variables', () => {
    expect(extractVariables('a {{contact.name}} b {{ nope }} {{}}')).toEqual(['contact.name', 'nope', '']);
    expect(unknownVariables('{{contact.name}} {{nope}} {{nope}} {{assignee.email}}')).toEqual(['nope', 'assignee.email']);
  });
});

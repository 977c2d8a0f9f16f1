import { describe, expect, it } from 'vitest';
import { cannedReplyInputSchema, renderCannedReply, unknownCannedReplyVariables } from './canned-reply';

const values = { 'contact.name': 'Dana', 'contact.email': null, 'assignee.name': 'Alice', 'team.name': 'Sales', 'agent.name': 'Bob' };

describe('canned replies', () => {
  it('fills every variable with the comment step syntax; a missing value is empty, never {{…}}', () => {
    expect(renderCannedReply('Hi {{contact.name}}, {{ agent.name }} here ({{team.name}}). {{contact.email}}|{{assignee.name}}', values)).toBe(
      'Hi Dana, Bob here (Sales). |Alice',
    );
  });

  it('names unknown variables', () => {
    expect(unknownCannedReplyVariables('{{contact.name}} {{workflow.name}} {{nope}} {{nope}}')).toEqual(['workflow.name', 'nope']);
  });

  it('checks name, shortcut and body, each on its field', () => {
    const r = cannedReplyInputSchema.safeParse({ name: ' ', shortcut: 'Hello World', body: 'Hi {{customer.name}}' });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields.name).toBe('Name the reply');
    expect(fields.shortcut).toMatch(/lowercase letters/);
    expect(fields.body).toMatch(/Unknown variable \{\{customer\.name\}\}/);
    expect(cannedReplyInputSchema.parse({ name: 'Greeting', shortcut: '/Hello', body: ' Hi {{contact.name}} ' })).toEqual({ name: 'Greeting', shortcut: 'hello', body: 'Hi {{contact.name}}' });
  });
});

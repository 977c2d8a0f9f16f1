import { describe, expect, it } from 'vitest';
import { mergeServerFields } from './contact-field-draft';

describe('contact panel draft on a live refresh', () => {
  it('keeps what the agent is editing and takes the server value for the rest', () => {
    const before = { region: '', plan: 'free' };
    const draft = { region: 'EU', plan: 'free' }; // the agent picked EU, not saved yet
    const after = { region: '', plan: 'pro' }; // a workflow changed the plan meanwhile
    expect(mergeServerFields(draft, before, after)).toEqual({ region: 'EU', plan: 'pro' });
  });
  it('starts from the server fields for another conversation', () => {
    expect(mergeServerFields({ region: 'EU' }, null, { plan: 'pro' })).toEqual({ plan: 'pro' });
  });
});

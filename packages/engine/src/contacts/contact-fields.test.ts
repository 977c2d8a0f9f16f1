import { describe, expect, it } from 'vitest';
import { checkContactInput, normalizeFieldValue } from './contact-fields';

const defs = {
  fields: [
    { key: 'plan', label: 'Plan', type: 'select' as const, options: ['Free', 'Enterprise'] },
    { key: 'seats', label: 'Seats', type: 'number' as const, options: [] },
    { key: 'renewal', label: 'Renewal', type: 'date' as const, options: [] },
    { key: 'language', label: 'Language', type: 'text' as const, options: [] },
  ],
  tags: ['vip'],
};
const def = (key: string) => defs.fields.find((f) => f.key === key)!;

describe('field values', () => {
  it('are stored in one canonical form per type', () => {
    expect(normalizeFieldValue(def('seats'), 12)).toEqual({ ok: true, value: '12' });
    expect(normalizeFieldValue(def('seats'), ' 1.50 ')).toEqual({ ok: true, value: '1.5' });
    expect(normalizeFieldValue(def('renewal'), '2026-03-01')).toEqual({ ok: true, value: '2026-03-01' });
    expect(normalizeFieldValue(def('plan'), 'Free')).toEqual({ ok: true, value: 'Free' });
    expect(normalizeFieldValue(def('language'), ' de ')).toEqual({ ok: true, value: 'de' });
  });
  it('of the wrong type are refused', () => {
    expect(normalizeFieldValue(def('seats'), 'lots').ok).toBe(false);
    expect(normalizeFieldValue(def('seats'), true).ok).toBe(false);
    expect(normalizeFieldValue(def('renewal'), '2026-02-31').ok).toBe(false);
    expect(normalizeFieldValue(def('renewal'), 20260301).ok).toBe(false);
    expect(normalizeFieldValue(def('plan'), 'Pro').ok).toBe(false);
    expect(normalizeFieldValue(def('language'), 3).ok).toBe(false);
  });
});

describe('contact input from the API or the inbox', () => {
  it('names the first bad field or unknown tag', () => {
    expect(checkContactInput(defs, { fields: { seats: 'x' } })).toEqual({
      ok: false,
      problem: { field: 'contact.fields.seats', message: 'contact.fields.seats (number) must be a number' },
    });
    expect(checkContactInput(defs, { fields: { colour: 'red' } })).toMatchObject({ ok: false, problem: { field: 'contact.fields.colour' } });
    expect(checkContactInput(defs, { addTags: ['vip', 'gold'] })).toMatchObject({ ok: false, problem: { field: 'contact.tags.1' } });
  });
  it('turns good input into changes (null or "" clears)', () => {
    expect(checkContactInput(defs, { fields: { seats: 3, language: '' }, addTags: ['vip', 'vip'] })).toEqual({
      ok: true,
      changes: { fields: { seats: '3', language: null }, addTags: ['vip'], removeTags: [] },
    });
  });
});

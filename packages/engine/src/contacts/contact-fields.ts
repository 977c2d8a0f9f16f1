import { z } from 'zod';

export const contactFieldTypes = ['text', 'number', 'select', 'date'] as const;
export type ContactFieldType = (typeof contactFieldTypes)[number];

export const conversationPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof conversationPriorities)[number];
export const conversationPrioritySchema = z.enum(conversationPriorities);

/** A workspace-defined contact field, as settings define it. */
export interface ContactFieldDefinition {
  key: string;
  label: string;
  type: ContactFieldType;
  /** Choices of a `select` field. */
  options: string[];
}

// Keys are referred to from API bodies and conditions, so they stay machine-friendly.
export const contactFieldKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _ (starting with a letter)');
export const tagNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[^,\s][^,]*$/, 'must not contain commas');

export const FIELD_VALUE_MAX = 500;

export type FieldValueResult = { ok: true; value: string } | { ok: false; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The canonical string a field stores (contacts.fields holds strings, so conditions and
 * templates read one shape): numbers as JS prints them, dates as YYYY-MM-DD, a select's
 * value one of its options. Anything else is refused with a message naming the expectation.
 */
export function normalizeFieldValue(def: ContactFieldDefinition, raw: unknown): FieldValueResult {
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
      const v = raw.trim();
      if (v.length > FIELD_VALUE_MAX) return { ok: false, message: `must be at most ${FIELD_VALUE_MAX} characters` };
      return { ok: true, value: v };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: 'must be a number' };
      return { ok: true, value: String(n) };
    }
    case 'select': {
      if (typeof raw !== 'string' || !def.options.includes(raw.trim()))
        return { ok: false, message: `must be one of ${def.options.map((o) => `"${o}"`).join(', ') || '(no options defined)'}` };
      return { ok: true, value: raw.trim() };
    }
    case 'date': {
      if (typeof raw !== 'string' || !DATE.test(raw.trim())) return { ok: false, message: 'must be a date (YYYY-MM-DD)' };
      const v = raw.trim();
      const d = new Date(`${v}T00:00:00Z`);
      // 2026-02-31 parses to March: a date that does not round-trip does not exist.
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return { ok: false, message: 'must be a real date (YYYY-MM-DD)' };
      return { ok: true, value: v };
    }
  }
}

/** A change to one contact, already checked against the workspace's definitions. */
export interface ContactChanges {
  /** key → canonical value; null clears the field. */
  fields: Record<string, string | null>;
  addTags: string[];
  removeTags: string[];
}

export type ContactInputProblem = { field: string; message: string };

/**
 * Checks fields and tags sent by an API client or an agent against the definitions: the
 * first problem names the offending field (`contact.fields.plan`), so nothing is written.
 */
export function checkContactInput(
  defs: { fields: readonly ContactFieldDefinition[]; tags: readonly string[] },
  input: { fields?: Record<string, unknown>; addTags?: readonly string[]; removeTags?: readonly string[] },
  prefix = 'contact',
): { ok: true; changes: ContactChanges } | { ok: false; problem: ContactInputProblem } {
  const fields: Record<string, string | null> = {};
  for (const [key, raw] of Object.entries(input.fields ?? {})) {
    const def = defs.fields.find((f) => f.key === key);
    const at = `${prefix}.fields.${key}`;
    if (!def) return { ok: false, problem: { field: at, message: `${at}: "${key}" is not a contact field of this workspace` } };
    if (raw === null || raw === '') {
      fields[key] = null;
      continue;
    }
    const r = normalizeFieldValue(def, raw);
    if (!r.ok) return { ok: false, problem: { field: at, message: `${at} (${def.type}) ${r.message}` } };
    fields[key] = r.value;
  }
  const tagProblem = (list: readonly string[] | undefined, name: string): ContactInputProblem | null => {
    for (const [i, tag] of (list ?? []).entries())
      if (!defs.tags.includes(tag))
        return { field: `${prefix}.${name}.${i}`, message: `${prefix}.${name}: "${tag}" is not a tag of this workspace` };
    return null;
  };
  const bad = tagProblem(input.addTags, 'tags') ?? tagProblem(input.removeTags, 'removeTags');
  if (bad) return { ok: false, problem: bad };
  return {
    ok: true,
    changes: { fields, addTags: [...new Set(input.addTags ?? [])], removeTags: [...new Set(input.removeTags ?? [])] },
  };
}

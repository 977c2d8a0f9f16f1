import { z } from 'zod';

// The condition kinds and, per kind, the operators that make sense for it with their words in
// the canvas. One list that the schema (condition-schema.ts: what a definition, the API and the
// engine accept), the canvas condition editor and the summaries read — adding an operator here
// is the whole change for the editor and the validation; the evaluator's switch then refuses to
// compile until it handles it.

const timeOperators = (never: string, some: string) =>
  [
    { value: 'not_exists', label: never },
    { value: 'exists', label: some },
    { value: 'greater_than', label: 'more than … ago' },
    { value: 'less_than', label: 'less than … ago' },
  ] as const;

export const CONDITION_REGISTRY = {
  conversation_status: {
    label: 'Conversation status',
    operators: [
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
    ],
  },
  assignee: {
    label: 'Assignee',
    operators: [
      { value: 'exists', label: 'is set' },
      { value: 'not_exists', label: 'is not set' },
      { value: 'is_online', label: 'is online' },
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
    ],
  },
  team: {
    label: 'Team',
    operators: [
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
      { value: 'exists', label: 'is set' },
      { value: 'not_exists', label: 'is not set' },
    ],
  },
  last_outgoing_message: { label: 'Outgoing message', operators: timeOperators('none yet', 'at least one') },
  last_incoming_message: { label: 'Incoming message', operators: timeOperators('none yet', 'at least one') },
  conversation_opened: { label: 'Conversation opened', operators: timeOperators('never', 'at some point') },
  assignee_replied: { label: 'Assignee replied (since assigned)', operators: timeOperators('not yet', 'yes') },
  current_assignment: {
    label: 'Assigned to current assignee',
    operators: [
      { value: 'greater_than', label: 'more than … ago' },
      { value: 'less_than', label: 'less than … ago' },
      { value: 'exists', label: 'is assigned' },
      { value: 'not_exists', label: 'is unassigned' },
    ],
  },
  contact_field: {
    label: 'Contact field',
    operators: [
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
      { value: 'contains', label: 'contains' },
      { value: 'exists', label: 'is set' },
      { value: 'not_exists', label: 'is not set' },
    ],
  },
  contact_tag: {
    label: 'Contact tag',
    operators: [
      { value: 'has', label: 'has' },
      { value: 'has_not', label: 'does not have' },
    ],
  },
  channel: {
    label: 'Channel',
    operators: [
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
    ],
  },
  run_variable: {
    label: 'Run variable (HTTP answer)',
    operators: [
      { value: 'is', label: 'is' },
      { value: 'is_not', label: 'is not' },
      { value: 'contains', label: 'contains' },
      { value: 'exists', label: 'is set' },
      { value: 'not_exists', label: 'is not set' },
      { value: 'greater_than', label: '> (number)' },
      { value: 'less_than', label: '< (number)' },
    ],
  },
} as const;

export type RegisteredConditionKind = keyof typeof CONDITION_REGISTRY;
export type ConditionOperatorOf<K extends RegisteredConditionKind> = (typeof CONDITION_REGISTRY)[K]['operators'][number]['value'];

/** The kind's operators as a zod enum (the schema's `operator` field). */
export function conditionOperatorSchema<K extends RegisteredConditionKind>(kind: K) {
  const values = CONDITION_REGISTRY[kind].operators.map((o) => o.value) as unknown as [ConditionOperatorOf<K>, ...ConditionOperatorOf<K>[]];
  return z.enum(values);
}

/** Kinds in the canvas's order with their label and operators. */
export const conditionKindList: ReadonlyArray<{ value: RegisteredConditionKind; label: string; operators: ReadonlyArray<{ value: string; label: string }> }> = (
  Object.keys(CONDITION_REGISTRY) as RegisteredConditionKind[]
).map((value) => ({ value, label: CONDITION_REGISTRY[value].label, operators: CONDITION_REGISTRY[value].operators }));

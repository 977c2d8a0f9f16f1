import { durationToMs } from '../schema/duration';
import type { Snapshot } from '../interpreter/snapshot';
import type { Condition, TimeCondition } from './condition-schema';

export interface ConditionResult {
  conditionId: string;
  kind: Condition['kind'];
  operator: string;
  result: boolean;
  // What the engine actually saw, so the run log can explain a surprising branch.
  actual: string | number | boolean | null;
}

function timestampFor(c: TimeCondition, snapshot: Snapshot): number | null {
  const conv = snapshot.conversation;
  if (c.kind === 'last_outgoing_message') return c.from === 'any' ? conv.lastOutgoingAt : conv.lastAgentReplyAt;
  if (c.kind === 'last_incoming_message') return conv.lastIncomingAt;
  // Both are null while nobody is assigned: an unassigned conversation has no reply clock.
  if (c.kind === 'assignee_replied') return conv.assigneeId === null ? null : conv.assigneeRepliedAt;
  if (c.kind === 'current_assignment') return conv.assigneeId === null ? null : conv.assignedAt;
  return conv.openedAt;
}

function evaluateTime(c: TimeCondition, snapshot: Snapshot): { result: boolean; actual: number | null } {
  const at = timestampFor(c, snapshot);
  const elapsed = at === null ? null : snapshot.now - at;
  switch (c.operator) {
    case 'exists':
      return { result: at !== null, actual: elapsed };
    case 'not_exists':
      return { result: at === null, actual: elapsed };
    // "Time since X" is undefined when X never happened, so both comparisons are false;
    // authors combine with not_exists (match: any) when "never" should count.
    case 'greater_than':
      return { result: elapsed !== null && !!c.duration && elapsed > durationToMs(c.duration), actual: elapsed };
    case 'less_than':
      return { result: elapsed !== null && !!c.duration && elapsed < durationToMs(c.duration), actual: elapsed };
  }
}

function evaluate(c: Condition, s: Snapshot, vars: Readonly<Record<string, string>>): { result: boolean; actual: ConditionResult['actual'] } {
  const conv = s.conversation;
  switch (c.kind) {
    case 'conversation_status':
      return { result: (conv.status === c.value) === (c.operator === 'is'), actual: conv.status };
    case 'assignee': {
      const a = conv.assigneeId;
      switch (c.operator) {
        case 'is':
          return { result: a !== null && a === c.userId, actual: a };
        case 'is_not':
          return { result: a !== c.userId, actual: a };
        case 'exists':
          return { result: a !== null, actual: a };
        case 'not_exists':
          return { result: a === null, actual: a };
        case 'is_online': {
          const availability = a === null ? null : (s.users[a]?.availability ?? null);
          return { result: availability === 'online', actual: availability };
        }
      }
      break;
    }
    case 'team': {
      const t = conv.teamId;
      switch (c.operator) {
        case 'is':
          return { result: t !== null && t === c.teamId, actual: t };
        case 'is_not':
          return { result: t !== c.teamId, actual: t };
        case 'exists':
          return { result: t !== null, actual: t };
        case 'not_exists':
          return { result: t === null, actual: t };
      }
      break;
    }
    case 'last_outgoing_message':
    case 'last_incoming_message':
    case 'conversation_opened':
    case 'assignee_replied':
    case 'current_assignment':
      return evaluateTime(c, s);
    case 'contact_field': {
      const v = Object.prototype.hasOwnProperty.call(s.contact.fields, c.key) ? s.contact.fields[c.key] : undefined;
      const actual = v ?? null;
      const present = v !== undefined && v.trim() !== '';
      switch (c.operator) {
        case 'is':
          return { result: v === c.value, actual };
        case 'is_not':
          return { result: v !== c.value, actual };
        case 'contains':
          // Case-insensitive because agents type these by hand ("VIP" vs "vip").
          return {
            result: v !== undefined && v.toLowerCase().includes((c.value ?? '').toLowerCase()),
            actual,
          };
        case 'exists':
          return { result: present, actual };
        case 'not_exists':
          return { result: !present, actual };
      }
      break;
    }
    case 'contact_tag': {
      const has = s.contact.tags.includes(c.tag);
      return { result: c.operator === 'has' ? has : !has, actual: has };
    }
    case 'channel':
      return { result: (conv.channelId === c.channelId) === (c.operator === 'is'), actual: conv.channelId };
    case 'run_variable': {
      const v = Object.prototype.hasOwnProperty.call(vars, c.key) ? vars[c.key] : undefined;
      const actual = v ?? null;
      const present = v !== undefined && v !== '';
      const num = (x: string | undefined) => (x === undefined || x.trim() === '' ? NaN : Number(x));
      switch (c.operator) {
        case 'is':
          return { result: v === c.value, actual };
        case 'is_not':
          return { result: v !== c.value, actual };
        case 'contains':
          return { result: v !== undefined && v.toLowerCase().includes((c.value ?? '').toLowerCase()), actual };
        case 'exists':
          return { result: present, actual };
        case 'not_exists':
          return { result: !present, actual };
        // Numbers only: "200" > "1000" as text would surprise; anything not a number is false.
        case 'greater_than':
          return { result: num(v) > num(c.value), actual };
        case 'less_than':
          return { result: num(v) < num(c.value), actual };
      }
      break;
    }
  }
}

/** `vars`: the run's variables (an HTTP request step's answer), read by run_variable conditions. */
export function evaluateCondition(condition: Condition, snapshot: Snapshot, vars: Readonly<Record<string, string>> = {}): ConditionResult {
  const { result, actual } = evaluate(condition, snapshot, vars);
  return { conditionId: condition.id, kind: condition.kind, operator: condition.operator, result, actual };
}

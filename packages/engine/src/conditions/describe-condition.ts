import { channelName, teamName, userName, type Catalog } from '../catalog';
import { formatDuration } from '../schema/duration';
import type { Condition } from './condition-schema';

const timeSubject = {
  last_outgoing_message: 'outgoing message',
  last_incoming_message: 'incoming message',
  conversation_opened: 'opened',
} as const;

// Short phrases meant to be chained with "and"/"or" in a one-line branch summary.
export function describeCondition(c: Condition, catalog?: Catalog): string {
  switch (c.kind) {
    case 'conversation_status':
      return c.operator === 'is' ? c.value : `not ${c.value}`;
    case 'assignee': {
      const who = c.userId ? userName(catalog, c.userId) : '?';
      return {
        is: `assigned to ${who}`,
        is_not: `not assigned to ${who}`,
        exists: 'assigned',
        not_exists: 'unassigned',
        is_online: 'assignee online',
      }[c.operator];
    }
    case 'team': {
      const team = c.teamId ? teamName(catalog, c.teamId) : '?';
      return {
        is: `team is ${team}`,
        is_not: `team is not ${team}`,
        exists: 'has a team',
        not_exists: 'no team',
      }[c.operator];
    }
    case 'assignee_replied': {
      const d = c.duration ? formatDuration(c.duration) : '?';
      return {
        exists: 'assignee replied since assigned',
        not_exists: 'assignee has not replied since assigned',
        greater_than: `assignee replied over ${d} ago`,
        less_than: `assignee replied within ${d}`,
      }[c.operator];
    }
    case 'current_assignment': {
      const d = c.duration ? formatDuration(c.duration) : '?';
      return {
        exists: 'assigned',
        not_exists: 'unassigned',
        greater_than: `assigned to current assignee over ${d} ago`,
        less_than: `assigned to current assignee within ${d}`,
      }[c.operator];
    }
    case 'last_outgoing_message':
    case 'last_incoming_message':
    case 'conversation_opened': {
      // Outgoing-message conditions always say which messages count (agent replies by default).
      const subject = c.kind === 'last_outgoing_message' && c.from === 'any' ? 'outgoing message' : c.kind === 'last_outgoing_message' ? 'agent reply' : timeSubject[c.kind];
      const d = c.duration ? formatDuration(c.duration) : '?';
      if (c.kind === 'conversation_opened') {
        return {
          exists: 'opened',
          not_exists: 'never opened',
          greater_than: `opened over ${d} ago`,
          less_than: `opened within ${d}`,
        }[c.operator];
      }
      return {
        exists: `has ${subject}`,
        not_exists: `no ${subject}`,
        greater_than: `last ${subject} over ${d} ago`,
        less_than: `last ${subject} within ${d}`,
      }[c.operator];
    }
    case 'contact_field':
      return {
        is: `${c.key} is “${c.value ?? ''}”`,
        is_not: `${c.key} is not “${c.value ?? ''}”`,
        contains: `${c.key} contains “${c.value ?? ''}”`,
        exists: `has ${c.key}`,
        not_exists: `no ${c.key}`,
      }[c.operator];
    case 'contact_tag':
      return c.operator === 'has' ? `tagged ${c.tag}` : `not tagged ${c.tag}`;
    case 'channel':
      return `channel ${c.operator === 'is' ? 'is' : 'is not'} ${channelName(catalog, c.channelId)}`;
    case 'run_variable':
      return {
        is: `${c.key} is “${c.value ?? ''}”`,
        is_not: `${c.key} is not “${c.value ?? ''}”`,
        contains: `${c.key} contains “${c.value ?? ''}”`,
        exists: `has ${c.key}`,
        not_exists: `no ${c.key}`,
        greater_than: `${c.key} > ${c.value ?? '?'}`,
        less_than: `${c.key} < ${c.value ?? '?'}`,
      }[c.operator];
  }
}

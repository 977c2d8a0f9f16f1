import { z } from 'zod';
import { teamName, type Catalog } from '../catalog';
import { formatDuration } from '../schema/duration';
import { durationSchema, type Duration } from '../schema/primitives';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { branchHandle } from '../steps/branch-step';
import { at, edge } from './layout';

export const reassignIfNoReplyParamsSchema = z.object({
  firstTeamId: z.string().min(1),
  secondTeamId: z.string().min(1),
  waitMinutes: z.number().positive().optional(),
  duration: durationSchema.optional(),
  holdOutsideHours: z.boolean().optional(),
  queueTimeout: durationSchema.optional(),
});
export interface ReassignIfNoReplyParams {
  firstTeamId: string;
  secondTeamId: string;
  waitMinutes?: number;
  duration?: Duration;
  /**
   * Before handing over: outside the second team's opening hours, leave an internal note and
   * hold the conversation until they open (a 3 a.m. hand-over into an empty team helps nobody).
   */
  holdOutsideHours?: boolean;
  /**
   * With no one in the first team available, wait in its queue this long (assigned the moment
   * someone comes online or has room) before the "no one online" note (issue #16).
   */
  queueTimeout?: Duration;
  // Only used to write team names into the "no one online" comments.
  catalog?: Catalog;
}

// The product's seed scenario: give the first team a chance, and if nobody has replied by the
// deadline hand the conversation to someone else and tell them whose it was.
export function reassignIfNoReply(params: ReassignIfNoReplyParams): WorkflowDefinition {
  const duration: Duration = params.duration ?? { amount: params.waitMinutes ?? 15, unit: 'minutes' };
  const first = teamName(params.catalog, params.firstTeamId);
  const second = teamName(params.catalog, params.secondTeamId);
  const definition: WorkflowDefinition = {
    schemaVersion: 1,
    trigger: {
      id: 'trigger',
      type: 'trigger',
      position: at(0, 0),
      config: {
        event: 'conversation.opened',
        conditions: [{ id: 'from-contact', field: 'source', operator: 'is', value: 'contact' }],
      },
    },
    steps: [
      {
        id: 'assign-first',
        type: 'assign',
        position: at(0, 1),
        config: {
          target: { type: 'team', teamId: params.firstTeamId },
          logic: 'round_robin',
          onlyOnline: true,
          maxOpen: null,
          excludeTried: true,
          ...(params.queueTimeout ? { queue: { timeout: params.queueTimeout } } : {}),
        },
      },
      {
        id: 'no-one-first',
        type: 'comment',
        position: at(1, 2),
        config: { text: params.queueTimeout ? `No one became available in ${first} within ${formatDuration(params.queueTimeout)}` : `No one online in ${first}`, mentions: [] },
      },
      { id: 'wait', type: 'wait', position: at(0, 2), config: { duration } },
      {
        id: 'check-reply',
        type: 'branch',
        name: 'Still open and no reply from the assignee?',
        position: at(0, 3),
        config: {
          branches: [
            {
              id: 'no-reply',
              name: 'Still open and the assignee has not replied',
              match: 'all',
              // Asks about this hop's assignee only: a colleague's reply or an automated
              // message does not count as theirs, and a reassignment by a person restarts
              // the clock (issue #16).
              conditions: [
                { id: 'is-open', kind: 'conversation_status', operator: 'is', value: 'open' },
                { id: 'assignee-silent', kind: 'assignee_replied', operator: 'not_exists' },
              ],
            },
          ],
        },
      },
      {
        id: 'assign-second',
        type: 'assign',
        position: at(0, 4),
        config: { target: { type: 'team', teamId: params.secondTeamId }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true },
      },
      {
        id: 'notify-reassigned',
        type: 'comment',
        position: at(0, 5),
        config: {
          text: `Reassigned to you: {{previous_assignee.name}} did not reply within ${formatDuration(duration)}. Customer: {{contact.name}}`,
          mentions: [{ type: 'current_assignee' }],
        },
      },
      {
        id: 'no-one-second',
        type: 'comment',
        position: at(1, 5),
        config: { text: `No one online in ${second}`, mentions: [] },
      },
    ],
    edges: [
      edge('trigger', 'next', 'assign-first'),
      edge('assign-first', 'next', 'wait'),
      edge('assign-first', 'no_one_available', 'no-one-first'),
      edge('wait', 'next', 'check-reply'),
      edge('check-reply', branchHandle('no-reply'), 'assign-second'),
      edge('assign-second', 'next', 'notify-reassigned'),
      edge('assign-second', 'no_one_available', 'no-one-second'),
    ],
  };
  return params.holdOutsideHours ? withOutOfHoursHold(definition, params.secondTeamId, second) : definition;
}

/** check-reply → "inside the second team's hours?" → hand over; else note, hold until they open, hand over. */
function withOutOfHoursHold(definition: WorkflowDefinition, teamId: string, team: string): WorkflowDefinition {
  const moved: Record<string, { x: number; y: number }> = {
    'assign-second': at(0, 5),
    'notify-reassigned': at(0, 6),
    'no-one-second': at(1, 6),
  };
  const steps: WorkflowDefinition['steps'] = [
    ...definition.steps.map((s) => (moved[s.id] ? { ...s, position: moved[s.id] } : s)),
    {
      id: 'second-open',
      type: 'time_branch',
      name: `${team} open?`,
      position: at(0, 4),
      config: { match: 'all', conditions: [{ id: 'open', kind: 'schedule_hours', operator: 'open', schedule: { type: 'team', teamId } }] },
    },
    {
      id: 'out-of-hours-note',
      type: 'comment',
      position: at(1, 4),
      config: { text: `Outside ${team}'s hours: holding this conversation until they open. Customer: {{contact.name}}`, mentions: [] },
    },
    {
      id: 'hold-until-open',
      type: 'wait_until',
      position: at(1, 5),
      config: { until: 'schedule_opens', schedule: { type: 'team', teamId } },
    },
  ];
  const edges = definition.edges.filter((e) => !(e.source === 'check-reply' && e.target === 'assign-second'));
  return {
    ...definition,
    steps,
    edges: [
      ...edges,
      edge('check-reply', branchHandle('no-reply'), 'second-open'),
      edge('second-open', 'match', 'assign-second'),
      edge('second-open', 'else', 'out-of-hours-note'),
      edge('out-of-hours-note', 'next', 'hold-until-open'),
      edge('hold-until-open', 'next', 'assign-second'),
    ],
  };
}

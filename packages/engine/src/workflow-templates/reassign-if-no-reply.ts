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
});
export interface ReassignIfNoReplyParams {
  firstTeamId: string;
  secondTeamId: string;
  waitMinutes?: number;
  duration?: Duration;
  // Only used to write team names into the "no one online" comments.
  catalog?: Catalog;
}

// The product's seed scenario: give the first team a chance, and if nobody has replied by the
// deadline hand the conversation to someone else and tell them whose it was.
export function reassignIfNoReply(params: ReassignIfNoReplyParams): WorkflowDefinition {
  const duration: Duration = params.duration ?? { amount: params.waitMinutes ?? 15, unit: 'minutes' };
  const first = teamName(params.catalog, params.firstTeamId);
  const second = teamName(params.catalog, params.secondTeamId);
  return {
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
        config: { target: { type: 'team', teamId: params.firstTeamId }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: true },
      },
      {
        id: 'no-one-first',
        type: 'comment',
        position: at(1, 2),
        config: { text: `No one online in ${first}`, mentions: [] },
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
}

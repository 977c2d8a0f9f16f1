import { z } from 'zod';
import { teamName, type Catalog } from '../catalog';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import type { AssignmentLogic } from '../steps/assign-step';
import { at, edge } from './layout';

export const teamAssignmentParamsSchema = z.object({
  teamId: z.string().min(1),
  maxOpen: z.number().int().min(1).nullable().optional(),
});
export interface TeamAssignmentParams {
  teamId: string;
  maxOpen?: number | null;
  catalog?: Catalog;
}

function teamAssignment(logic: AssignmentLogic, params: TeamAssignmentParams): WorkflowDefinition {
  return {
    schemaVersion: 1,
    trigger: {
      id: 'trigger',
      type: 'trigger',
      position: at(0, 0),
      config: { event: 'conversation.opened', conditions: [{ id: 'from-contact', field: 'source', operator: 'is', value: 'contact' }] },
    },
    steps: [
      {
        id: 'assign',
        type: 'assign',
        position: at(0, 1),
        config: { target: { type: 'team', teamId: params.teamId }, logic, onlyOnline: true, maxOpen: params.maxOpen ?? null, excludeTried: true },
      },
      {
        id: 'no-one',
        type: 'comment',
        position: at(1, 2),
        config: { text: `No one online in ${teamName(params.catalog, params.teamId)}`, mentions: [] },
      },
    ],
    edges: [edge('trigger', 'next', 'assign'), edge('assign', 'no_one_available', 'no-one')],
  };
}

export function roundRobinOnlineOnly(params: TeamAssignmentParams): WorkflowDefinition {
  return teamAssignment('round_robin', params);
}

export function leastOpenConversations(params: TeamAssignmentParams): WorkflowDefinition {
  return teamAssignment('least_open', params);
}

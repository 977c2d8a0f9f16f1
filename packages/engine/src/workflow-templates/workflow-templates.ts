import type { z } from 'zod';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { reassignIfNoReply, reassignIfNoReplyParamsSchema, type ReassignIfNoReplyParams } from './reassign-if-no-reply';
import {
  leastOpenConversations,
  roundRobinOnlineOnly,
  teamAssignmentParamsSchema,
  type TeamAssignmentParams,
} from './simple-assignment';

export interface WorkflowTemplate<P> {
  id: string;
  name: string;
  description: string;
  // Lets the API/UI validate the "create from template" form with the same rules.
  paramsSchema: z.ZodType<Omit<P, 'catalog'>>;
  build(params: P): WorkflowDefinition;
}

export const reassignIfNoReplyTemplate: WorkflowTemplate<ReassignIfNoReplyParams> = {
  id: 'reassign-if-no-reply',
  name: 'Reassign if no reply',
  description:
    'Assign new conversations to a team round robin; if the assignee has not replied within 15 minutes, reassign to someone online in a second team and tell them.',
  paramsSchema: reassignIfNoReplyParamsSchema,
  build: reassignIfNoReply,
};

export const roundRobinOnlineOnlyTemplate: WorkflowTemplate<TeamAssignmentParams> = {
  id: 'round-robin-online-only',
  name: 'Round robin (online only)',
  description: 'Share new conversations evenly between the online members of a team.',
  paramsSchema: teamAssignmentParamsSchema,
  build: roundRobinOnlineOnly,
};

export const leastOpenConversationsTemplate: WorkflowTemplate<TeamAssignmentParams> = {
  id: 'least-open-conversations',
  name: 'Least open conversations',
  description: 'Give each new conversation to the online team member with the fewest open conversations.',
  paramsSchema: teamAssignmentParamsSchema,
  build: leastOpenConversations,
};

export const workflowTemplates = [
  reassignIfNoReplyTemplate,
  roundRobinOnlineOnlyTemplate,
  leastOpenConversationsTemplate,
] as const;

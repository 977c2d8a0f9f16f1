import { defineEndpoint } from '../contract/define-endpoint';
import { slaPolicyListSchema } from '../schemas/sla-schemas';

// Policies are configuration like workflows (workflows:read); a conversation's clocks come
// with the conversation (conversations:read).
export const listSlaPoliciesEndpoint = defineEndpoint({
  method: 'get', path: '/sla-policies', operationId: 'listSlaPolicies', scope: 'workflows:read', tag: 'SLA',
  summary: 'SLA policies in order (the first that matches a conversation applies)', responses: { 200: slaPolicyListSchema },
});

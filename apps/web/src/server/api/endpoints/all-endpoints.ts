import type { Endpoint } from '../contract/define-endpoint';
import * as conversations from './conversation-endpoints';
import * as teams from './team-endpoints';
import * as workflows from './workflow-endpoints';

/** Every public endpoint, in the order the OpenAPI document lists them. */
export const ALL_ENDPOINTS: Endpoint[] = [...Object.values(conversations), ...Object.values(workflows), ...Object.values(teams)];

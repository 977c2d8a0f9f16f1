import type { Endpoint } from '../contract/define-endpoint';
import * as conversations from './conversation-endpoints';
import * as sla from './sla-endpoints';
import * as teams from './team-endpoints';
import * as workflows from './workflow-endpoints';

const METHOD_ORDER = ['get', 'post', 'put', 'delete'];

/** Every public endpoint, in the order the OpenAPI document lists them (by path, then method). */
export const ALL_ENDPOINTS: Endpoint[] = [...Object.values(conversations), ...Object.values(workflows), ...Object.values(teams), ...Object.values(sla)].sort(
  (a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
);

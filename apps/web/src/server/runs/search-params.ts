import 'server-only';
import { isUuid, type RunFilters } from '@baton/db';

export type SearchParams = Record<string, string | string[] | undefined>;

const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const date = (v: string | undefined) => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

// A date-only "to" (from <input type=date>) means through the end of that day.
const endOfDay = (v: string | undefined) => {
  const d = date(v);
  return d && v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(d.getTime() + 86_400_000 - 1) : d;
};

/**
 * Runs list filters from the URL. Unknown or malformed values are dropped, not errors: a
 * hand-edited link shows more runs rather than a failure page.
 */
export function runFiltersFromSearch(sp: SearchParams): RunFilters & { statusList: RunStatus[] } {
  const statusList = many(sp.status).filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s));
  const workflowId = one(sp.workflow);
  const agentId = one(sp.agent);
  return {
    workflowId: isUuid(workflowId) ? workflowId : undefined,
    agentId: isUuid(agentId) ? agentId : undefined,
    status: statusList.length ? statusList : undefined,
    from: date(one(sp.from)),
    to: endOfDay(one(sp.to)),
    before: date(one(sp.before)),
    limit: 50,
    statusList,
  };
}

/**
 * A reporting period from `?days=` (default 7) ending now, or explicit `from`/`to`. Days are
 * the workspace zone's (`workspaceZone`) unless the link names another with `?tz=`.
 */
export function periodFromSearch(sp: SearchParams, fallbackDays = 7, workspaceZone = 'UTC'): { from: Date; to: Date; days: number | null; timeZone: string } {
  const timeZone = one(sp.tz) ?? workspaceZone;
  const from = date(one(sp.from));
  const to = date(one(sp.to));
  if (from && to && to > from) return { from, to, days: null, timeZone };
  const days = Math.min(366, Math.max(1, Number(one(sp.days)) || fallbackDays));
  const end = new Date();
  return { from: new Date(end.getTime() - days * 86_400_000), to: end, days, timeZone };
}

export { RUN_STATUSES };

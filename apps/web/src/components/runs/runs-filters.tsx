import Link from 'next/link';

type Option = { id: string; name: string };

const STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;

const field = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm';

/**
 * A plain GET form: the filters live in the URL, so a filtered view can be shared and the
 * back button works, and nothing needs client JavaScript.
 */
export function RunsFilters({
  workflows,
  agents,
  value,
}: {
  workflows: Option[];
  agents: Option[];
  value: { workflow?: string; agent?: string; status: string[]; from?: string; to?: string };
}) {
  return (
    <form method="get" action="/runs" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" aria-label="Filter runs">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Workflow
        <select name="workflow" defaultValue={value.workflow ?? ''} className={field}>
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Assigned agent
        <select name="agent" defaultValue={value.agent ?? ''} className={field}>
          <option value="">Anyone</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Started from
        <input type="date" name="from" defaultValue={value.from ?? ''} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        to
        <input type="date" name="to" defaultValue={value.to ?? ''} className={field} />
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-slate-600">Status</legend>
        <div className="flex flex-wrap gap-2">
          {STATUSES.map((s) => (
            <label key={s} className="inline-flex items-center gap-1 text-sm text-slate-700">
              <input type="checkbox" name="status" value={s} defaultChecked={value.status.includes(s)} className="rounded border-slate-300" />
              {s}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="ml-auto flex gap-2">
        <Link href="/runs" className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
          Clear
        </Link>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Apply
        </button>
      </div>
    </form>
  );
}

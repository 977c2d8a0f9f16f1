import Link from 'next/link';
import type { RunListItem } from '@baton/db';
import { LocalTime } from '@/components/ui/local-time';
import { RunStatusBadge } from './run-status-badge';
import { Countdown } from './countdown';

export function RunsTable({ runs }: { runs: RunListItem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Runs">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Workflow</th>
            <th className="px-3 py-2">Contact</th>
            <th className="px-3 py-2">Started</th>
            <th className="px-3 py-2">Current step</th>
            <th className="px-3 py-2">Next wake-up</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50" data-testid="run-row">
              <td className="px-3 py-2">
                <RunStatusBadge status={r.status} />
              </td>
              <td className="px-3 py-2">
                <Link href={`/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.workflowName}
                </Link>
                <span className="ml-1 text-xs text-slate-500">v{r.version}</span>
              </td>
              <td className="px-3 py-2">
                <Link href={`/inbox?c=${r.conversationId}`} className="text-slate-700 hover:underline">
                  {r.contactName ?? 'Unnamed contact'}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                <LocalTime iso={r.startedAt.toISOString()} />
              </td>
              <td className="px-3 py-2 text-slate-600">
                {r.currentStepId ? <code className="text-xs">{r.currentStepId}</code> : '—'}
              </td>
              <td className="px-3 py-2">{r.status === 'waiting' && r.wakeAt ? <Countdown iso={r.wakeAt.toISOString()} /> : <span className="text-slate-500">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

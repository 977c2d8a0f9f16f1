import Link from 'next/link';
import type { PendingTimer } from '@baton/db';
import { LocalTime } from '@/components/ui/local-time';
import { Countdown } from './countdown';
import { RunActionButtons } from './run-action-buttons';

/** Every waiting run, soonest due first, with fire now / cancel. */
export function TimersBoard({ timers }: { timers: PendingTimer[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Pending timers">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Due</th>
            <th className="px-3 py-2">Workflow</th>
            <th className="px-3 py-2">Contact</th>
            <th className="px-3 py-2">Assignee</th>
            <th className="px-3 py-2">Waiting at</th>
            <th className="px-3 py-2">Run started</th>
            <th className="px-3 py-2 text-right">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {timers.map((t) => (
            <tr key={t.runId} data-testid="timer-row" data-run-id={t.runId}>
              <td className="px-3 py-2">{t.wakeAt ? <Countdown iso={t.wakeAt.toISOString()} /> : '—'}</td>
              <td className="px-3 py-2">
                <Link href={`/runs/${t.runId}`} className="font-medium text-brand-700 hover:underline">
                  {t.workflowName}
                </Link>
                <span className="ml-1 text-xs text-slate-500">v{t.version}</span>
              </td>
              <td className="px-3 py-2 text-slate-700">{t.contactName ?? 'Unnamed contact'}</td>
              <td className="px-3 py-2 text-slate-700">{t.assigneeName ?? <span className="text-slate-500">unassigned</span>}</td>
              <td className="px-3 py-2">
                <code className="text-xs">{t.currentStepId}</code>
                {t.resumeStepId ? <span className="text-xs text-slate-500"> → {t.resumeStepId}</span> : null}
              </td>
              <td className="px-3 py-2 text-slate-600">
                <LocalTime iso={t.startedAt.toISOString()} />
              </td>
              <td className="px-3 py-2">
                <RunActionButtons kind="waiting" runId={t.runId} waitSeq={t.waitSeq} label={t.contactName ?? t.runId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

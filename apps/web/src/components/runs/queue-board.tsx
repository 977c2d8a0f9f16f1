import Link from 'next/link';
import type { QueueEntry } from '@baton/db';
import { LocalTime } from '@/components/ui/local-time';
import { Countdown } from './countdown';
import { RelativeTime } from '@/components/inbox/relative-time';

/** One table per queue (team or workspace): position, how long each has waited, when it gives up. */
export function QueueBoard({ entries }: { entries: QueueEntry[] }) {
  const queues = new Map<string, QueueEntry[]>();
  for (const e of entries) queues.set(e.pool, [...(queues.get(e.pool) ?? []), e]);
  return (
    <div className="space-y-6">
      {[...queues.values()].map((list) => (
        <section key={list[0]!.pool} aria-label={`${list[0]!.queueName} queue`} data-testid="queue-section">
          <h2 className="mb-2 text-sm font-semibold text-slate-800">
            {list[0]!.queueName} <span className="font-normal text-slate-500">· {list.length} waiting</span>
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={`${list[0]!.queueName} queue`}>
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-3 py-2">#</th>
                  <th className="px-3 py-2">Contact</th>
                  <th className="px-3 py-2">Queued</th>
                  <th className="px-3 py-2">Waiting</th>
                  <th className="px-3 py-2">Gives up</th>
                  <th className="px-3 py-2">Workflow</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.map((e) => (
                  <tr key={e.runId ?? e.conversationId} data-testid="queue-row" data-conversation-id={e.conversationId}>
                    <td className="px-3 py-2 font-mono text-xs">{e.position}</td>
                    <td className="px-3 py-2">
                      <Link href={`/inbox?view=unassigned&c=${e.conversationId}`} className="text-brand-700 hover:underline">
                        {e.contactName ?? 'Unnamed contact'}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-slate-600">
                      <LocalTime iso={e.queuedAt.toISOString()} />
                    </td>
                    <td className="px-3 py-2 text-slate-700">
                      <RelativeTime iso={e.queuedAt.toISOString()} />
                    </td>
                    <td className="px-3 py-2">
                      {e.timeoutAt ? <Countdown iso={e.timeoutAt.toISOString()} /> : <span className="text-slate-500">Never</span>}
                    </td>
                    <td className="px-3 py-2">
                      {e.runId ? (
                        <Link href={`/runs/${e.runId}`} className="text-brand-700 hover:underline">
                          {e.workflowName}
                        </Link>
                      ) : (
                        // Returned by work-follows-availability: no run holds it, the drain assigns it.
                        <span className="text-slate-700">Returned: {e.returnedBecause}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

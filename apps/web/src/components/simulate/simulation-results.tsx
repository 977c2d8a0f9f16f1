import Link from 'next/link';
import {
  simulationDifferences,
  type Catalog,
  type SimulationDifference,
  type SimulationResult,
} from '@baton/engine';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { formatMs, formatShare } from '@/components/runs/format-metric';
import { SimulationCanvas } from './simulation-canvas';
import { SimulationCharts } from './simulation-charts';

function formatValue(d: SimulationDifference, v: number | null): string {
  if (v === null) return '—';
  if (d.unit === 'ms') return formatMs(v);
  if (d.unit === 'share') return formatShare(v);
  return String(v);
}

function formatDelta(d: SimulationDifference): string {
  if (d.published === null || d.draft === null) return '';
  const delta = d.draft - d.published;
  if (delta === 0) return 'same';
  const sign = delta > 0 ? '+' : '−';
  if (d.unit === 'ms') return `${sign}${formatMs(Math.abs(delta))}`;
  if (d.unit === 'share') return `${sign}${formatShare(Math.abs(delta))}`;
  return `${sign}${Math.abs(delta)}`;
}

/** A finished simulation: reply model, problems, differences, charts and sample paths. */
export function SimulationResults({
  workflowId,
  simulationId,
  result,
  names,
  draftDefinition,
  catalog,
}: {
  workflowId: string;
  simulationId: string;
  result: SimulationResult;
  names: Record<string, string>;
  /** The draft as it was simulated: its failed steps are marked on it. */
  draftDefinition: unknown;
  catalog: Catalog;
}) {
  if (result.conversations === 0) {
    return (
      <div data-testid="simulation-empty">
        <EmptyState title="No conversations in this period">
          Nothing was opened between <LocalTime iso={new Date(result.period.from).toISOString()} />{' '}
          and <LocalTime iso={new Date(result.period.to).toISOString()} />, so there is nothing to
          replay. Choose a period with traffic.
        </EmptyState>
      </div>
    );
  }
  const draft = result.versions.find((v) => v.label === 'draft');
  const published = result.versions.find((v) => v.label === 'published');
  const differences = simulationDifferences(result, names);
  const samples = (draft ?? published)?.samples ?? [];
  return (
    <div className="space-y-6" data-testid="simulation-results">
      <Alert tone="info">
        <span data-testid="simulation-reply-model">{result.replyModel}</span> {result.conversations}{' '}
        conversations opened in the period; seed {result.seed}.
      </Alert>
      {!published ? (
        <Alert tone="info">
          This workflow has no published version: only the draft was simulated.
        </Alert>
      ) : null}
      {result.versions.map((v) =>
        v.triggerNote ? (
          <Alert key={v.label} tone="info">
            {v.label === 'draft' ? 'Draft' : 'Published'}: {v.triggerNote}
          </Alert>
        ) : null,
      )}
      {draft && Object.keys(draft.failedSteps).length > 0 ? (
        <div className="space-y-3">
          <Alert>
            <span className="font-semibold">The draft has problems; the simulation ran anyway.</span>{' '}
            Runs stopped at:{' '}
            <span data-testid="simulation-failed-steps">
              {Object.entries(draft.failedSteps)
                .map(
                  ([stepId, f]) =>
                    `${stepId} (${f.count} ${f.count === 1 ? 'run' : 'runs'}: ${f.error})`,
                )
                .join('; ')}
            </span>{' '}
            They are marked on the draft below.
          </Alert>
          <SimulationCanvas definition={draftDefinition} version={draft} catalog={catalog} />
        </div>
      ) : null}
      <Card>
        <CardHeader
          title="Draft vs published"
          description="Every measure of the replay, side by side."
        />
        <div className="overflow-x-auto">
          <table
            className="min-w-full divide-y divide-slate-200 text-sm"
            data-testid="simulation-differences"
          >
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">
                  Measure
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Published
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Draft
                </th>
                <th scope="col" className="px-5 py-2 text-right">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {differences.map((d) => {
                const delta = formatDelta(d);
                return (
                  <tr
                    key={d.metric}
                    className={delta && delta !== 'same' ? 'bg-amber-50/50' : undefined}
                  >
                    <th scope="row" className="px-5 py-2 text-left font-normal text-slate-700">
                      {d.metric}
                    </th>
                    <td className="px-5 py-2 text-right tabular-nums">
                      {formatValue(d, d.published)}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums">{formatValue(d, d.draft)}</td>
                    <td className="px-5 py-2 text-right tabular-nums text-slate-600">{delta}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      <SimulationCharts versions={result.versions} names={names} />
      <Card>
        <CardHeader
          title="Sample conversations"
          description="The same conversations in both versions, chosen by the seed. Open one to see each version's step-by-step path."
        />
        <ul className="divide-y divide-slate-100" data-testid="simulation-samples">
          {samples.map((s) => {
            const other = published?.samples.find((p) => p.conversationId === s.conversationId);
            return (
              <li
                key={s.conversationId}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-2 text-sm"
              >
                <Link
                  href={`/workflows/${workflowId}/simulate/${simulationId}/${s.conversationId}`}
                  className="font-medium text-brand-700 hover:underline"
                  data-testid="simulation-sample-link"
                >
                  {s.contactName ?? 'Unnamed contact'}
                </Link>
                <span className="text-xs text-slate-500">
                  opened <LocalTime iso={new Date(s.openedAt).toISOString()} /> · draft{' '}
                  {s.runStatus}
                  {other ? ` · published ${other.runStatus}` : ''}
                </span>
              </li>
            );
          })}
          {samples.length === 0 ? (
            <li className="px-5 py-3 text-sm text-slate-500">No run started in this period.</li>
          ) : null}
        </ul>
      </Card>
    </div>
  );
}

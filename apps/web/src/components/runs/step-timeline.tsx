import type { RunDetail } from '@baton/db';
import { findStep, summarizeStep, type Catalog, type WorkflowDefinition } from '@baton/engine';
import { LocalTime } from '@/components/ui/local-time';
import { StepDecision } from './step-decision';
import { outputLabel } from './path-graph';
import { formatLeft } from './format-metric';
import { effectText } from './effect-text';

type Step = RunDetail['steps'][number];

export function StepTimeline({
  steps,
  definition,
  catalog,
  names,
}: {
  steps: Step[];
  definition: WorkflowDefinition | null;
  catalog: Catalog;
  names: Record<string, string>;
}) {
  return (
    <ol className="space-y-3" aria-label="Step timeline">
      {steps.map((s) => {
        const node = definition ? (s.stepType === 'trigger' ? definition.trigger : findStep(definition, s.stepId)) : undefined;
        const title = s.stepType === 'manual' ? 'Manual action' : node && node.type !== 'trigger' && node.name ? node.name : s.stepType;
        const input = node && node.type !== 'trigger' ? summarizeStep(node, catalog, definition ?? undefined) : node ? `On ${node.config.event}` : null;
        const effects = Array.isArray(s.effects) ? (s.effects as Record<string, unknown>[]) : [];
        const duration = s.finishedAt ? s.finishedAt.getTime() - s.startedAt.getTime() : null;
        return (
          <li
            key={s.id}
            data-testid={`timeline-step-${s.stepType}`}
            className={`rounded-lg border bg-white p-4 shadow-sm ${s.stepType === 'manual' ? 'border-amber-200' : 'border-slate-200'}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <div className="flex items-baseline gap-2">
                <span className="font-mono text-xs text-slate-500">#{s.seq}</span>
                <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{s.stepType}</span>
                <span className="font-medium text-slate-900">{title}</span>
                <code className="text-xs text-slate-500">{s.stepId}</code>
              </div>
              <div className="text-xs text-slate-500">
                <LocalTime iso={s.startedAt.toISOString()} />
                {duration !== null ? (duration > 0 ? ` · took ${duration < 1000 ? `${duration} ms` : formatLeft(duration)}` : '') : ' · still waiting'}
              </div>
            </div>
            <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-sm">
              {input ? (
                <>
                  <dt className="text-slate-500">Input</dt>
                  <dd className="text-slate-700">{input}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">Decision</dt>
              <dd>
                <StepDecision decision={s.decision} definition={definition} stepId={s.stepId} names={names} />
              </dd>
              {s.stepType !== 'manual' ? (
                <>
                  <dt className="text-slate-500">Output</dt>
                  <dd className="text-slate-700">
                    {s.output ? outputLabel(definition, s.stepId, s.output) : '—'}
                    {effects.length ? ` · effects: ${effects.map((e) => effectText(e, names)).join(', ')}` : ''}
                  </dd>
                </>
              ) : null}
              {s.error ? (
                <>
                  <dt className="text-slate-500">Error</dt>
                  <dd className="text-red-700">{s.error}</dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}

import { splitInstants, type AssignmentDecision, type BranchDecision, type WorkflowDefinition } from '@baton/engine';
import { AssignmentDecisionView } from './assignment-decision';
import { outputLabel } from './path-graph';
import { formatLeft } from './format-metric';
import { LocalTime } from '@/components/ui/local-time';

type Any = { kind?: string; explanation?: string } & Record<string, unknown>;

const OPERATORS: Record<string, string> = { is: 'is', is_not: 'is not', exists: 'exists', not_exists: 'does not exist', greater_than: 'more than', less_than: 'less than' };

/** The decision stored with a step, per kind; unknown kinds fall back to their explanation. */
export function StepDecision({
  decision,
  definition,
  stepId,
  names,
}: {
  decision: unknown;
  definition: WorkflowDefinition | null;
  stepId: string;
  names: Record<string, string>;
}) {
  const d = (decision ?? {}) as Any;
  switch (d.kind) {
    case 'assignment':
      return <AssignmentDecisionView decision={d as unknown as AssignmentDecision} names={names} />;
    case 'branch': {
      const b = d as unknown as BranchDecision;
      return (
        <div className="space-y-1 text-sm">
          <p className="font-medium text-slate-900">
            <Explanation text={b.explanation} />
          </p>
          <ul className="space-y-1 pl-1 text-xs text-slate-700">
            {b.branches.map((br) => (
              <li key={br.branchId}>
                <span className={br.matched ? 'font-semibold text-emerald-700' : 'text-slate-500'}>{br.matched ? '✓' : '✗'} {br.name ?? br.branchId}</span>{' '}
                ({br.match === 'all' ? 'all of' : 'any of'}):{' '}
                {br.conditions
                  .map((c) => `${c.kind.replaceAll('_', ' ')} ${OPERATORS[c.operator] ?? c.operator} → ${c.result ? 'true' : 'false'}${c.actual !== null && c.actual !== undefined ? ` (saw ${formatActual(c.actual)})` : ''}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">Took: {outputLabel(definition, stepId, b.handle)}</p>
        </div>
      );
    }
    case 'wait': {
      const until = new Date(Number(d.until)).toISOString();
      return (
        <p className="text-sm text-slate-700">
          <Explanation text={d.explanation} known={[Number(d.until)]} /> Due at <LocalTime iso={until} /> ({formatLeft(Number(d.durationMs))} after it started).
        </p>
      );
    }
    case 'comment':
      return (
        <div className="text-sm text-slate-700">
          <p>
            <Explanation text={d.explanation} />
          </p>
          <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-slate-600">{String(d.text ?? '')}</blockquote>
        </div>
      );
    case 'manual':
      // The stored explanation of "fire now" carries the due time as ISO (for API readers);
      // the trace writes it like every other time on the page.
      if (d.action === 'fire_now' && typeof d.wasDueAt === 'string') {
        return (
          <p className="text-sm font-medium text-slate-800">
            {String(d.actorName ?? 'Someone')} fired the timer now (it was due at <LocalTime iso={d.wasDueAt} />).
          </p>
        );
      }
      return (
        <p className="text-sm font-medium text-slate-800">
          <Explanation text={d.explanation} />
        </p>
      );
    default:
      return <p className="text-sm text-slate-700">{d.explanation ? <Explanation text={d.explanation} known={Number.isFinite(Number(d.until)) ? [Number(d.until)] : []} /> : '—'}</p>;
  }
}

/**
 * A stored explanation with the instants the engine wrote into it ("until Mon 6 Jan 2026 09:00
 * (Europe/Berlin)", in the workspace's zone) shown like every other time on the page.
 */
function Explanation({ text, known = [] }: { text: string | undefined; known?: number[] }) {
  if (!text) return null;
  return (
    <>
      {splitInstants(text, known).map((part, i) => (typeof part === 'number' ? <LocalTime key={i} iso={new Date(part).toISOString()} /> : part))}
    </>
  );
}

function formatActual(v: unknown): string {
  if (typeof v === 'number' && v > 1000) return formatLeft(v);
  return String(v);
}

'use client';

import { useEffect, useState } from 'react';
import type { PublishWarning, StepImpact } from '@baton/engine';
import type { PublishImpactView } from '@baton/db';
import { Button } from '@/components/ui/button';
import { Dialog } from './ui-dialog';

export type PublishPreview = { impact: PublishImpactView | null; warnings: PublishWarning[] };
export type MoveChoice = { fromStepId: string; toStepId: string };
type Choice = { move: boolean; target: string };

const stepLabel = (s: { id: string; name: string | null; type: string }) => s.name ?? `${s.type} (${s.id})`;

/**
 * The publish dialog: what the new version changes for the runs in flight on the current one,
 * per step, and for runs waiting at a changed or removed step the admin's choice — finish on
 * the old version (the default) or move to the new version at a named step — plus the
 * warnings drawn from history and the other workflows. Warnings never block publishing.
 */
export function PublishDialog(p: {
  open: boolean;
  preview: PublishPreview | null;
  pending: boolean;
  fieldErrors: Record<string, string>;
  onClose: () => void;
  onPublish: (moves: MoveChoice[]) => void;
}) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const impact = p.preview?.impact ?? null;
  const movable = impact?.steps.filter((s) => s.movable) ?? [];

  useEffect(() => {
    if (!p.open) return;
    setChoices(Object.fromEntries(movable.map((s) => [s.id, { move: false, target: s.defaultTargetStepId ?? '' }])));
    // Reset per opening (the preview is fetched fresh each time).
  }, [p.open, p.preview]);

  const moves: MoveChoice[] = movable.flatMap((s) => (choices[s.id]?.move ? [{ fromStepId: s.id, toStepId: choices[s.id]!.target }] : []));
  const errorFor = (stepId: string) => {
    const i = moves.findIndex((m) => m.fromStepId === stepId);
    return i < 0 ? undefined : (p.fieldErrors[`moves.${i}.toStepId`] ?? p.fieldErrors[`moves.${i}.fromStepId`]);
  };
  const changed = impact ? impact.diff.stepsAdded.length + impact.diff.stepsRemoved.length + impact.diff.stepsChanged.length : 0;

  return (
    <Dialog
      open={p.open}
      onClose={p.onClose}
      title={impact ? `Publish version ${impact.currentVersion + 1}?` : 'Publish this workflow?'}
      testId="publish-dialog"
      wide
      footer={
        <>
          <Button variant="secondary" onClick={p.onClose}>
            Cancel
          </Button>
          <Button onClick={() => p.onPublish(moves)} pending={p.pending} disabled={!p.preview} data-testid="publish-confirm">
            Publish
          </Button>
        </>
      }
    >
      {!p.preview ? (
        <p className="text-slate-600">Looking at the runs in flight…</p>
      ) : (
        <div className="space-y-4">
          {impact ? (
            <section aria-label="Runs in flight" data-testid="publish-impact">
              <p>
                New conversations run the new version from now on. {impact.runsInFlight === 0 ? 'No runs are in flight on ' : `${impact.runsInFlight} ${impact.runsInFlight === 1 ? 'run is' : 'runs are'} in flight on `}
                version {impact.currentVersion}
                {impact.diff.unchanged ? ', and the draft changes nothing.' : `; the draft changes ${changed} ${changed === 1 ? 'step' : 'steps'}.`}
              </p>
              {impact.steps.length ? (
                <table className="mt-3 w-full text-left text-sm">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">Step (version {impact.currentVersion})</th>
                      <th className="py-1 font-medium">Runs</th>
                      <th className="py-1 font-medium">In the new version</th>
                    </tr>
                  </thead>
                  <tbody>
                    {impact.steps.map((s) => (
                      <ImpactRow
                        key={s.id}
                        step={s}
                        targets={impact.targets}
                        nextVersion={impact.currentVersion + 1}
                        choice={choices[s.id]}
                        error={errorFor(s.id)}
                        onChange={(c) => setChoices((all) => ({ ...all, [s.id]: c }))}
                      />
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
          ) : null}
          <section aria-label="Warnings" data-testid="publish-warnings">
            {p.preview.warnings.length === 0 ? (
              <p className="text-slate-600">No warnings from the recorded history or the other workflows.</p>
            ) : (
              <ul className="space-y-2">
                {p.preview.warnings.map((w, i) => (
                  <li key={i} className="rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="publish-warning" data-kind={w.kind}>
                    <p className="font-medium text-amber-900">{w.message}</p>
                    {w.evidence.length ? (
                      <ul className="mt-1 list-disc pl-5 text-xs text-amber-900">
                        {w.evidence.map((e, j) => (
                          <li key={j}>{e}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {p.preview.warnings.length ? <p className="mt-2 text-xs text-slate-600">Warnings do not stop you from publishing.</p> : null}
          </section>
        </div>
      )}
    </Dialog>
  );
}

function ImpactRow(p: {
  step: StepImpact;
  targets: Array<{ id: string; name: string | null; type: string }>;
  nextVersion: number;
  choice: Choice | undefined;
  error: string | undefined;
  onChange: (c: Choice) => void;
}) {
  const s = p.step;
  const choice = p.choice ?? { move: false, target: s.defaultTargetStepId ?? '' };
  const group = `impact-${s.id}`;
  return (
    <tr className="border-t border-slate-100 align-top" data-testid={`impact-step-${s.id}`} data-change={s.change}>
      <td className="py-2 pr-2">{stepLabel(s)}</td>
      <td className="py-2 pr-2 whitespace-nowrap">
        {s.waiting} waiting{s.running ? `, ${s.running} running` : ''}
      </td>
      <td className="py-2">
        <span className={s.change === 'unchanged' ? 'text-slate-500' : 'font-medium text-amber-800'}>{s.change === 'removed' ? 'Removed' : s.change === 'changed' ? 'Changed' : 'Unchanged'}</span>
        {s.movable ? (
          <fieldset className="mt-1 space-y-1">
            <legend className="sr-only">Runs waiting at {stepLabel(s)}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name={group} checked={!choice.move} onChange={() => p.onChange({ ...choice, move: false })} data-testid={`impact-keep-${s.id}`} />
              Finish on version {p.nextVersion - 1}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={group} checked={choice.move} onChange={() => p.onChange({ ...choice, move: true })} data-testid={`impact-move-${s.id}`} />
              Move to version {p.nextVersion} at
            </label>
            <select
              aria-label={`Step of version ${p.nextVersion} for runs waiting at ${stepLabel(s)}`}
              className="ml-6 rounded-md border-0 py-1 text-sm ring-1 ring-slate-300 disabled:opacity-60"
              value={choice.target}
              disabled={!choice.move}
              onChange={(e) => p.onChange({ move: true, target: e.target.value })}
              aria-invalid={p.error ? true : undefined}
              aria-describedby={p.error ? `${group}-error` : undefined}
              data-testid={`impact-target-${s.id}`}
            >
              {p.targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {stepLabel(t)}
                </option>
              ))}
            </select>
            {p.error ? (
              <p id={`${group}-error`} role="alert" className="ml-6 text-xs text-red-700" data-testid={`impact-error-${s.id}`}>
                {p.error}
              </p>
            ) : null}
          </fieldset>
        ) : s.note ? (
          <p className="mt-1 text-xs text-slate-600">{s.note}</p>
        ) : null}
      </td>
    </tr>
  );
}

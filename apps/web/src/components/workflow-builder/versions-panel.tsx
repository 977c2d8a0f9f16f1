'use client';

import { useRef, useState, useTransition } from 'react';
import { diffDefinitions, type DefinitionDiff } from '@baton/engine';
import { LocalTime } from '@/components/ui/local-time';
import { getVersionAction, restoreVersionAction } from '@/server/workflows/edit-workflow';
import { toEditorDefinition, type EditorDefinition } from './editor-definition';
import type { VersionInfo } from './editor-top-bar';
import { Dialog } from './ui-dialog';

export interface ViewedVersion {
  id: string;
  version: number;
  def: EditorDefinition;
}

const DRAFT = 'draft';

export function VersionsPanel({
  workflowId,
  versions,
  draft,
  canEdit,
  viewing,
  onView,
  onRestore,
  onClose,
}: {
  workflowId: string;
  versions: VersionInfo[];
  draft: EditorDefinition;
  canEdit: boolean;
  viewing: ViewedVersion | null;
  onView: (v: ViewedVersion | null) => void;
  onRestore: (d: EditorDefinition) => void;
  onClose: () => void;
}) {
  const cache = useRef(new Map<string, EditorDefinition>());
  const [compare, setCompare] = useState<string[]>([]);
  const [diff, setDiff] = useState<{ title: string; diff: DefinitionDiff } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const label = (id: string) => (id === DRAFT ? 'the draft' : `v${versions.find((v) => v.id === id)?.version}`);

  async function load(id: string): Promise<EditorDefinition | null> {
    if (id === DRAFT) return draft;
    const hit = cache.current.get(id);
    if (hit) return hit;
    const r = await getVersionAction(workflowId, id);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    const def = toEditorDefinition(r.data.definition);
    if (def) cache.current.set(id, def);
    return def;
  }

  const view = (v: VersionInfo) =>
    start(async () => {
      const def = await load(v.id);
      if (def) onView({ id: v.id, version: v.version, def });
    });

  const restore = (v: VersionInfo) =>
    start(async () => {
      if (!window.confirm(`Replace the draft with version ${v.version}? You can undo this.`)) return;
      const r = await restoreVersionAction(workflowId, v.id);
      if (!r.ok) return setError(r.error);
      const def = toEditorDefinition(r.data.definition);
      if (def) onRestore(def);
    });

  const runDiff = (olderId: string, newerId: string) =>
    start(async () => {
      const [a, b] = [await load(olderId), await load(newerId)];
      if (a && b) setDiff({ title: `Changes from ${label(olderId)} to ${label(newerId)}`, diff: diffDefinitions(a, b) });
    });

  const toggle = (id: string) => setCompare((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c.slice(-1), id]));
  const order = (ids: string[]) =>
    [...ids].sort((x, y) => (x === DRAFT ? 1 : y === DRAFT ? -1 : (versions.find((v) => v.id === x)?.version ?? 0) - (versions.find((v) => v.id === y)?.version ?? 0)));

  return (
    <aside className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="versions-panel">
      <header className="flex items-center justify-between border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Version history</h2>
          <p className="text-xs text-slate-500">Every publish freezes an immutable version.</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close history" className="rounded p-1 text-slate-500 hover:bg-slate-100">
          ✕
        </button>
      </header>
      <div className="flex-1 overflow-y-auto p-3">
        {error ? <p className="mb-2 rounded bg-red-50 px-3 py-2 text-xs text-red-700">{error}</p> : null}
        {versions.length === 0 ? (
          <p className="px-2 py-6 text-center text-sm text-slate-500">Not published yet. Publishing creates version 1.</p>
        ) : (
          <ul className="space-y-2">
            {versions.map((v, i) => (
              <li
                key={v.id}
                data-testid={`version-${v.version}`}
                className={`rounded-lg border p-3 ${viewing?.id === v.id ? 'border-brand-500 bg-brand-50' : 'border-slate-200'}`}
              >
                <div className="flex items-start gap-2">
                  <input type="checkbox" aria-label={`Compare version ${v.version}`} checked={compare.includes(v.id)} onChange={() => toggle(v.id)} className="mt-1" />
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-slate-900">
                      Version {v.version} {i === 0 ? <span className="ml-1 rounded bg-emerald-50 px-1.5 py-0.5 text-[10px] font-semibold text-emerald-700">LATEST</span> : null}
                    </p>
                    <p className="text-xs text-slate-500">
                      {v.publishedByName ?? 'Someone'} · <LocalTime iso={v.publishedAt} />
                    </p>
                  </div>
                </div>
                <div className="mt-2 flex flex-wrap gap-3 pl-6 text-xs font-medium">
                  {viewing?.id === v.id ? (
                    <button type="button" className="text-slate-600 hover:text-slate-900" onClick={() => onView(null)}>
                      Stop viewing
                    </button>
                  ) : (
                    <button type="button" className="text-brand-700 hover:text-brand-600" onClick={() => view(v)} disabled={pending} data-testid={`version-${v.version}-view`}>
                      View
                    </button>
                  )}
                  <button type="button" className="text-brand-700 hover:text-brand-600" onClick={() => runDiff(v.id, DRAFT)} disabled={pending}>
                    Compare with draft
                  </button>
                  {canEdit ? (
                    <button type="button" className="text-brand-700 hover:text-brand-600" onClick={() => restore(v)} disabled={pending} data-testid={`version-${v.version}-restore`}>
                      Restore as draft
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {compare.length === 2 ? (
        <div className="border-t border-slate-200 p-3">
          <button
            type="button"
            data-testid="compare-selected"
            onClick={() => {
              const [a, b] = order(compare);
              runDiff(a!, b!);
            }}
            className="w-full rounded-md bg-brand-600 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Compare {label(order(compare)[0]!)} → {label(order(compare)[1]!)}
          </button>
        </div>
      ) : null}
      <Dialog open={!!diff} onClose={() => setDiff(null)} title={diff?.title ?? ''} wide testId="diff-dialog">
        {diff ? <DiffView diff={diff.diff} /> : null}
      </Dialog>
    </aside>
  );
}

function DiffView({ diff }: { diff: DefinitionDiff }) {
  if (diff.unchanged) return <p className="text-slate-600">No differences.</p>;
  const name = (s: { id: string; name: string | null; type: string }) => `${s.name ?? s.type} (${s.id})`;
  return (
    <div className="space-y-4">
      {diff.layoutOnly ? <p className="text-slate-600">Only the layout changed.</p> : null}
      <Section title="Steps added" tone="text-emerald-700" items={diff.stepsAdded.map((s) => `+ ${name(s)}`)} />
      <Section title="Steps removed" tone="text-red-700" items={diff.stepsRemoved.map((s) => `− ${name(s)}`)} />
      <Section
        title="Steps changed"
        tone="text-amber-800"
        items={diff.stepsChanged.map((s) => `~ ${name(s)}: ${s.fields.map((f) => (f === 'position' ? 'moved' : f.replace(/^config\./, ''))).join(', ')}`)}
      />
      <Section title="Connections added" tone="text-emerald-700" items={diff.edgesAdded.map((e) => `+ ${e.source} [${e.sourceHandle}] → ${e.target}`)} />
      <Section title="Connections removed" tone="text-red-700" items={diff.edgesRemoved.map((e) => `− ${e.source} [${e.sourceHandle}] → ${e.target}`)} />
    </div>
  );
}

function Section({ title, items, tone }: { title: string; items: string[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <section>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      <ul className={`space-y-0.5 font-mono text-xs ${tone}`}>
        {items.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
    </section>
  );
}

'use client';

import { useRef, useState, type ReactNode } from 'react';
import { validateDefinition, type Catalog, type Problem } from '@baton/engine';
import { Button } from '@/components/ui/button';
import { toEditorDefinition, type EditorDefinition } from './editor-definition';
import { Dialog } from './ui-dialog';

type Pending = { def: EditorDefinition; problems: Problem[]; fileName: string } | { error: string; fileName: string };

/**
 * Export to and import from a JSON file. The actions are returned rather than rendered as
 * buttons: the top bar shows them inline or in its "More" menu depending on the room it has;
 * `ui` (the hidden file input and the import dialog) is rendered once either way.
 */
export function useImportExport({
  name,
  definition,
  catalog,
  onImport,
}: {
  name: string;
  definition: EditorDefinition;
  catalog: Catalog;
  onImport: (d: EditorDefinition) => void;
}): { exportJson: () => void; chooseFile: () => void; ui: ReactNode } {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  function exportJson() {
    const blob = new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'workflow'}.workflow.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async function read(file: File) {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      return setPending({ error: 'The file is not valid JSON.', fileName: file.name });
    }
    // Accept either a bare definition or an API-style { definition } wrapper.
    const candidate = raw && typeof raw === 'object' && 'definition' in raw ? (raw as { definition: unknown }).definition : raw;
    const def = toEditorDefinition(candidate);
    if (!def) return setPending({ error: 'This is not a Baton workflow: it needs a trigger, steps and edges.', fileName: file.name });
    setPending({ def, problems: validateDefinition(candidate, catalog), fileName: file.name });
  }

  const ui = (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="hidden"
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void read(f);
        }}
      />
      <Dialog
        open={!!pending}
        onClose={() => setPending(null)}
        title={`Import ${pending?.fileName ?? ''}`}
        testId="import-dialog"
        wide
        footer={
          pending && 'def' in pending ? (
            <>
              <Button variant="secondary" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button
                data-testid="import-confirm"
                onClick={() => {
                  onImport(pending.def);
                  setPending(null);
                }}
              >
                {pending.problems.length ? 'Import with problems' : 'Replace the canvas'}
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={() => setPending(null)}>
              Close
            </Button>
          )
        }
      >
        {pending && 'error' in pending ? (
          <p className="text-red-700" data-testid="import-error">
            {pending.error}
          </p>
        ) : pending ? (
          <div className="space-y-3">
            <p>
              {pending.def.steps.length} steps, {pending.def.edges.length} connections. Importing replaces the current draft (you can undo).
            </p>
            {pending.problems.length ? (
              <div className="rounded-lg bg-red-50 p-3" data-testid="import-problems">
                <p className="mb-1 font-medium text-red-800">
                  {pending.problems.length} {pending.problems.length === 1 ? 'problem' : 'problems'} to fix before it can be published:
                </p>
                <ul className="list-disc space-y-0.5 pl-5 text-xs text-red-700">
                  {pending.problems.slice(0, 30).map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-emerald-700">No problems found.</p>
            )}
          </div>
        ) : null}
      </Dialog>
    </>
  );
  return { exportJson, chooseFile: () => input.current?.click(), ui };
}

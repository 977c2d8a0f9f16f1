'use client';

import { memo, useState, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { canPublish, type Catalog, type Problem } from '@baton/engine';
import { Button } from '@/components/ui/button';
import { publishPreviewAction, publishWorkflowAction, runsInFlightAction, stopWorkflowAction } from '@/server/workflows/edit-workflow';
import { renameWorkflowAction } from '@/server/workflows/manage-workflows';
import type { EditorDefinition } from './editor-definition';
import { Dropdown, MenuItem } from '@/components/ui/dropdown';
import { IconButton, icons } from './icon-button';
import { useImportExport } from './import-export';
import { StatusBadge, type WorkflowStatus } from './list/status-badge';
import { ProblemsButton } from './problems-button';
import { PublishDialog, type MoveChoice, type PublishPreview } from './publish-dialog';
import { SaveIndicator } from './save-indicator';
import { Dialog } from './ui-dialog';
import type { useAutosave } from './use-autosave';
import { useFoldWhenTight } from './use-fold-when-tight';

export type { WorkflowStatus };
export interface VersionInfo {
  id: string;
  version: number;
  publishedAt: string;
  publishedByName: string | null;
}

interface Props {
  workflow: { id: string; name: string; status: WorkflowStatus; versions: VersionInfo[] };
  canEdit: boolean;
  readOnly: boolean;
  definition: EditorDefinition;
  problems: Problem[];
  catalog: Catalog;
  autosave: ReturnType<typeof useAutosave>;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onSelectStep: (id: string) => void;
  onToggleVersions: () => void;
  onImport: (d: EditorDefinition) => void;
}

function EditorTopBarComponent(p: Props) {
  const router = useRouter();
  const [name, setName] = useState(p.workflow.name);
  const [editingName, setEditingName] = useState(false);
  const [status, setStatus] = useState<WorkflowStatus>(p.workflow.status);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [stopInfo, setStopInfo] = useState<{ runsInFlight: number } | null>(null);
  const [publishing, setPublishing] = useState<{ preview: PublishPreview | null; fieldErrors: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const publishable = canPublish(p.problems);
  const publishReason = publishable ? undefined : `Fix ${p.problems.length} ${p.problems.length === 1 ? 'problem' : 'problems'} before publishing`;
  const latestVersion = p.workflow.versions[0]?.version;
  const { ref: row, folded } = useFoldWhenTight<HTMLDivElement>();
  const files = useImportExport({ name, definition: p.definition, catalog: p.catalog, onImport: p.onImport });
  const canTidy = !p.readOnly;
  const canImport = !p.readOnly;

  const flash = (tone: 'ok' | 'error', text: string) => {
    setNotice({ tone, text });
    setTimeout(() => setNotice(null), 5000);
  };

  function rename() {
    setEditingName(false);
    const next = name.trim();
    if (!next || next === p.workflow.name) return setName(p.workflow.name);
    start(async () => {
      const r = await renameWorkflowAction(p.workflow.id, next);
      if (!r.ok) {
        setName(p.workflow.name);
        flash('error', r.error);
      } else router.refresh();
    });
  }

  // Publishing opens the dialog: the draft is saved first, so the impact is of what will be published.
  function publish() {
    setPublishing({ preview: null, fieldErrors: {} });
    start(async () => {
      if (!(await p.autosave.saveNow())) {
        setPublishing(null);
        return flash('error', 'Save failed; not published.');
      }
      const r = await publishPreviewAction(p.workflow.id);
      if (!r.ok) {
        setPublishing(null);
        return flash('error', r.error);
      }
      setPublishing({ preview: r.data, fieldErrors: {} });
    });
  }

  function confirmPublish(moves: MoveChoice[]) {
    start(async () => {
      const r = await publishWorkflowAction(p.workflow.id, { moves });
      if (!r.ok) {
        // A bad move choice stays in the dialog, on its field; anything else closes it.
        if (r.fieldErrors) return setPublishing((cur) => (cur ? { ...cur, fieldErrors: r.fieldErrors! } : cur));
        setPublishing(null);
        return flash('error', r.error);
      }
      setPublishing(null);
      setStatus('published');
      flash(
        'ok',
        `Published version ${r.data.version}. New conversations run it from now on.${r.data.movesRuns ? ' The chosen waiting runs are moving to it.' : ''}`,
      );
      router.refresh();
    });
  }

  // Simulate replays the saved draft: save first, then open its page (issue #19).
  function openSimulate() {
    start(async () => {
      if (p.autosave.status !== 'saved' && !(await p.autosave.saveNow())) return flash('error', 'Save failed; the simulation needs the saved draft.');
      router.push(`/workflows/${p.workflow.id}/simulate`);
    });
  }

  function askStop() {
    start(async () => {
      const r = await runsInFlightAction(p.workflow.id);
      if (r.ok) setStopInfo(r.data);
      else flash('error', r.error);
    });
  }

  function stop() {
    start(async () => {
      const r = await stopWorkflowAction(p.workflow.id);
      setStopInfo(null);
      if (!r.ok) return flash('error', r.error);
      setStatus('stopped');
      flash('ok', 'Stopped. No new runs will start.');
      router.refresh();
    });
  }

  return (
    <header className="relative flex h-14 shrink-0 items-center border-b border-slate-200 bg-white px-4" data-testid="editor-top-bar" data-folded={folded}>
      <div ref={row} className="flex min-w-0 flex-1 items-center gap-3 whitespace-nowrap" data-testid="editor-top-bar-row">
        <Link
          href="/workflows"
          className="shrink-0 rounded-md px-1.5 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          onClick={(e) => {
            if (p.autosave.status !== 'saved' && !window.confirm('You have unsaved changes. Leave anyway?')) e.preventDefault();
          }}
        >
          <span aria-hidden>←</span> Workflows
        </Link>
        <span aria-hidden className="h-5 w-px shrink-0 bg-slate-200" />
        {editingName && p.canEdit ? (
          <input
            autoFocus
            value={name}
            maxLength={120}
            aria-label="Workflow name"
            data-testid="workflow-name-input"
            onChange={(e) => setName(e.target.value)}
            onBlur={rename}
            onKeyDown={(e) => {
              if (e.key === 'Enter') rename();
              if (e.key === 'Escape') {
                setName(p.workflow.name);
                setEditingName(false);
              }
            }}
            className="w-64 min-w-32 shrink rounded-md border-0 px-2 py-1 text-sm font-semibold ring-1 ring-brand-600"
          />
        ) : (
          <h1 className="min-w-32 max-w-72 shrink">
            <button
              type="button"
              data-testid="workflow-name"
              disabled={!p.canEdit}
              onClick={() => setEditingName(true)}
              title={p.canEdit ? `Rename: ${name}` : name}
              className="block max-w-full truncate rounded-md px-2 py-1 text-sm font-semibold text-slate-900 enabled:hover:bg-slate-100"
            >
              {name}
            </button>
          </h1>
        )}
        <span className="shrink-0">
          <StatusBadge status={status} />
        </span>
        {status !== 'draft' && latestVersion ? <span className="shrink-0 text-xs text-slate-500">v{latestVersion}</span> : null}
        {p.canEdit ? (
          <span className="shrink-0">
            <SaveIndicator status={p.autosave.status} error={p.autosave.error} />
          </span>
        ) : (
          <span className="shrink-0 text-xs text-slate-500">Read-only: only admins can edit</span>
        )}

        <div className="ml-auto flex shrink-0 items-center gap-1">
          {!p.readOnly ? (
            <>
              <IconButton label="Undo (Ctrl+Z)" onClick={p.onUndo} disabled={!p.canUndo} data-testid="undo">
                {icons.undo}
              </IconButton>
              <IconButton label="Redo (Ctrl+Shift+Z)" onClick={p.onRedo} disabled={!p.canRedo} data-testid="redo">
                {icons.redo}
              </IconButton>
            </>
          ) : null}
          {folded ? (
            <Dropdown
              label="More actions"
              align="right"
              testId="more-actions"
              triggerClassName="inline-flex h-8 items-center justify-center gap-1 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              trigger={
                <>
                  {icons.more}
                  <span aria-hidden>More</span>
                </>
              }
            >
              {(close) => (
                <>
                  {canTidy ? (
                    <MenuItem testId="auto-layout" onSelect={() => {
                      close();
                      p.onLayout();
                    }}>
                      {icons.layout} Tidy up (auto-layout)
                    </MenuItem>
                  ) : null}
                  <MenuItem testId="versions-toggle" onSelect={() => {
                      close();
                      p.onToggleVersions();
                    }}>
                    {icons.history} Version history
                  </MenuItem>
                  <MenuItem testId="export-json" onSelect={() => {
                      close();
                      files.exportJson();
                    }}>
                    {icons.download} Export as JSON
                  </MenuItem>
                  {canImport ? (
                    <MenuItem testId="import-json" onSelect={() => {
                      close();
                      files.chooseFile();
                    }}>
                      {icons.upload} Import JSON…
                    </MenuItem>
                  ) : null}
                  {p.canEdit ? (
                    <MenuItem testId="simulate" onSelect={() => {
                      close();
                      openSimulate();
                    }}>
                      {icons.history} Simulate on past traffic…
                    </MenuItem>
                  ) : null}
                </>
              )}
            </Dropdown>
          ) : (
            <>
              {canTidy ? (
                <IconButton label="Tidy up (auto-layout)" onClick={p.onLayout} data-testid="auto-layout">
                  {icons.layout}
                  <span aria-hidden>Tidy up</span>
                </IconButton>
              ) : null}
              <IconButton label="Version history" onClick={p.onToggleVersions} data-testid="versions-toggle">
                {icons.history}
                <span aria-hidden>History</span>
              </IconButton>
              <IconButton label="Export as JSON" onClick={files.exportJson} data-testid="export-json">
                Export
              </IconButton>
              {canImport ? (
                <IconButton label="Import JSON" onClick={files.chooseFile} data-testid="import-json">
                  Import
                </IconButton>
              ) : null}
              {p.canEdit ? (
                <IconButton label="Simulate on past traffic" onClick={openSimulate} data-testid="simulate">
                  Simulate
                </IconButton>
              ) : null}
            </>
          )}
          <span aria-hidden className="mx-1 h-5 w-px bg-slate-200" />
          <ProblemsButton problems={p.problems} onSelect={p.onSelectStep} />
          {p.canEdit ? (
            <>
              <Button variant="secondary" size="sm" onClick={() => void p.autosave.saveNow()} disabled={p.autosave.status === 'saved'} data-testid="save-draft">
                Save draft
              </Button>
              {status === 'published' ? (
                <Button variant="danger" size="sm" onClick={askStop} pending={pending && !stopInfo} data-testid="stop">
                  Stop
                </Button>
              ) : null}
              <span title={publishReason}>
                <Button size="sm" onClick={publish} disabled={!publishable || pending} data-testid="publish" aria-describedby={publishable ? undefined : 'publish-reason'}>
                  {status === 'published' ? 'Publish changes' : 'Publish'}
                </Button>
              </span>
            </>
          ) : null}
        </div>
      </div>
      {files.ui}
      {!publishable && p.canEdit ? (
        <span id="publish-reason" className="absolute top-full right-4 z-10 mt-1 rounded-md bg-white/90 px-2 py-0.5 text-[11px] text-slate-600 shadow-sm" data-testid="publish-reason">
          {publishReason}
        </span>
      ) : null}
      {notice ? (
        <div
          role="status"
          data-testid="editor-notice"
          className={`absolute top-full left-1/2 z-40 mt-3 -translate-x-1/2 rounded-lg px-4 py-2 text-sm shadow-lg ${
            notice.tone === 'ok' ? 'bg-slate-900 text-white' : 'bg-red-600 text-white'
          }`}
        >
          {notice.text}
        </div>
      ) : null}
      <PublishDialog
        open={!!publishing}
        preview={publishing?.preview ?? null}
        pending={pending}
        fieldErrors={publishing?.fieldErrors ?? {}}
        onClose={() => setPublishing(null)}
        onPublish={confirmPublish}
      />
      <Dialog
        open={!!stopInfo}
        onClose={() => setStopInfo(null)}
        title="Stop this workflow?"
        testId="stop-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={() => setStopInfo(null)}>
              Keep running
            </Button>
            <Button variant="danger" onClick={stop} pending={pending} data-testid="stop-confirm">
              Stop workflow
            </Button>
          </>
        }
      >
        <p>New conversations will no longer start this workflow.</p>
        <p className="mt-2">
          {stopInfo?.runsInFlight === 0 ? (
            'No runs are in flight.'
          ) : (
            <>
              <strong>{stopInfo?.runsInFlight}</strong> {stopInfo?.runsInFlight === 1 ? 'run is' : 'runs are'} in flight; {stopInfo?.runsInFlight === 1 ? 'it finishes' : 'they finish'} on the version they started on.
            </>
          )}
        </p>
      </Dialog>
    </header>
  );
}

// Memoised: the editor re-renders on every frame of a drag (the canvas is controlled), and the
// bar measures its row for folding on each render; with stable props it renders only when
// something it shows changes.
export const EditorTopBar = memo(EditorTopBarComponent);

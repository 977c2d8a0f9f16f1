'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveDraftAction } from '@/server/workflows/edit-workflow';
import type { EditorDefinition } from './editor-definition';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

const AUTOSAVE_DELAY_MS = 1000;

/**
 * Debounced draft saving. "Saved" means the server holds exactly the definition on screen;
 * compared by reference, so undoing back to the saved state reads as saved again.
 * Saves never overlap: a save requested while one is in flight waits and then sends the latest.
 */
export function useAutosave(workflowId: string, def: EditorDefinition, enabled: boolean) {
  const [savedDef, setSavedDef] = useState(def);
  const savedRef = useRef(def);
  const latest = useRef(def);
  latest.current = def;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);

  const saveNow = useCallback(async (): Promise<boolean> => {
    while (inflight.current) await inflight.current;
    const toSave = latest.current;
    if (toSave === savedRef.current) return true;
    setSaving(true);
    const p = saveDraftAction(workflowId, toSave)
      .then((r) => {
        if (!r.ok) {
          setError(r.error);
          return false;
        }
        savedRef.current = toSave;
        setSavedDef(toSave);
        setError(null);
        return true;
      })
      .catch(() => {
        setError('Could not reach the server');
        return false;
      })
      .finally(() => {
        inflight.current = null;
        setSaving(false);
      });
    inflight.current = p;
    return p;
  }, [workflowId]);

  /** For a definition the server already stored (restoring a version). */
  const markSaved = useCallback((d: EditorDefinition) => {
    savedRef.current = d;
    setSavedDef(d);
  }, []);

  // Also re-checked when a save lands (savedDef): an edit back to the old state made while the
  // previous state's save was in flight matched the old savedRef then, so it was never saved —
  // the server kept the other state and the status stayed "unsaved" (seen as a flaky e2e: tidy
  // up, then undo, during the tidy-up's save).
  useEffect(() => {
    if (!enabled || def === savedRef.current) return;
    const t = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [def, savedDef, enabled, saveNow]);

  const status: SaveStatus = saving ? 'saving' : error ? 'error' : def === savedDef ? 'saved' : 'unsaved';

  // The unsaved-changes guard for closing or reloading the tab.
  useEffect(() => {
    if (status === 'saved') return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [status]);

  // One object while nothing changes, so the memoised top bar does not re-render on every
  // frame of a drag (the editor re-renders then; the autosave does not change).
  return useMemo(() => ({ status, error, saveNow, markSaved }), [status, error, saveNow, markSaved]);
}

'use client';

import { useCallback, useReducer, useRef } from 'react';
import type { EditorDefinition } from './editor-definition';
import { canRedo, canUndo, historyReducer, initHistory } from './history';

/**
 * The editor's document: the definition plus its undo history. `change` applies a pure edit
 * to the latest definition (not the one of the last render, so two edits in one event both land).
 */
export function useWorkflowDocument(initial: EditorDefinition) {
  const [history, dispatch] = useReducer(historyReducer<EditorDefinition>, initial, initHistory);
  const latest = useRef(history.present);
  latest.current = history.present;

  const change = useCallback((edit: (d: EditorDefinition) => EditorDefinition, key?: string) => {
    const next = edit(latest.current);
    if (next === latest.current) return;
    latest.current = next;
    dispatch({ type: 'commit', value: next, key });
  }, []);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);

  return {
    def: history.present,
    latest,
    change,
    undo,
    redo,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
}

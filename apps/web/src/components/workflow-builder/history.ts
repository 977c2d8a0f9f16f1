// Undo/redo as a pure reducer over whole definitions. Snapshots are cheap because edits share
// every untouched step with the previous definition.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Consecutive commits with the same key (typing in one field) merge into one undo step. */
  lastKey: string | null;
}

export type HistoryAction<T> =
  | { type: 'commit'; value: T; key?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; value: T };

export const HISTORY_LIMIT = 200;

export function initHistory<T>(value: T): History<T> {
  return { past: [], present: value, future: [], lastKey: null };
}

export function historyReducer<T>(state: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'commit': {
      if (action.value === state.present) return state;
      if (action.key && action.key === state.lastKey) {
        return { ...state, present: action.value, future: [] };
      }
      const past = [...state.past, state.present].slice(-HISTORY_LIMIT);
      return { past, present: action.value, future: [], lastKey: action.key ?? null };
    }
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (previous === undefined) return state;
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future], lastKey: null };
    }
    case 'redo': {
      const [next, ...future] = state.future;
      if (next === undefined) return state;
      return { past: [...state.past, state.present], present: next, future, lastKey: null };
    }
    case 'reset':
      return initHistory(action.value);
  }
}

export const canUndo = <T>(h: History<T>): boolean => h.past.length > 0;
export const canRedo = <T>(h: History<T>): boolean => h.future.length > 0;

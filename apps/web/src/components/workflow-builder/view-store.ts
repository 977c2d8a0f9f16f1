'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { NodeView } from './node-views';

// Node components read their summary/problems from this store by id instead of from node
// data, so a change to one step's view re-renders that node only and a drag re-renders none.
export interface ViewStore {
  get(id: string): NodeView | undefined;
  set(views: Map<string, NodeView>): void;
  subscribe(listener: () => void): () => void;
  readonly current: Map<string, NodeView>;
}

export function createViewStore(): ViewStore {
  let views = new Map<string, NodeView>();
  const listeners = new Set<() => void>();
  return {
    get: (id) => views.get(id),
    set(next) {
      views = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get current() {
      return views;
    },
  };
}

export const ViewStoreContext = createContext<ViewStore | null>(null);

const EMPTY: NodeView = { summary: '', problems: [], outputs: [] };

export function useNodeView(id: string): NodeView {
  const store = useContext(ViewStoreContext);
  return useSyncExternalStore(
    (l) => store?.subscribe(l) ?? (() => {}),
    () => store?.get(id) ?? EMPTY,
    () => store?.get(id) ?? EMPTY,
  );
}

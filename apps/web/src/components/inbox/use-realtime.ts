'use client';

import { useEffect, useRef, useState } from 'react';

export type RealtimeChange =
  | { type: 'conversation.changed'; conversationId: string; change: string }
  | { type: 'member.availability'; userId: string };

type State = 'connecting' | 'live' | 'offline';
type Subscriber = {
  onChange?: (event: RealtimeChange) => void;
  onReady?: () => void;
  onNotification?: () => void;
  setState: (s: State) => void;
};

// One EventSource per tab, shared by every component that listens (inbox, notification
// bell): the server allows a few streams per user, and two per tab would halve that.
let shared: { source: EventSource; subscribers: Set<Subscriber>; state: State; connectedOnce: boolean } | null = null;

function connect() {
  const source = new EventSource('/api/realtime');
  const conn = { source, subscribers: new Set<Subscriber>(), state: 'connecting' as State, connectedOnce: false };
  const setState = (s: State) => {
    conn.state = s;
    for (const sub of conn.subscribers) sub.setState(s);
  };
  source.addEventListener('ready', () => {
    setState('live');
    if (conn.connectedOnce) for (const sub of conn.subscribers) sub.onReady?.();
    conn.connectedOnce = true;
  });
  source.addEventListener('change', (e) => {
    let event: RealtimeChange;
    try {
      event = JSON.parse((e as MessageEvent<string>).data) as RealtimeChange;
    } catch {
      return; // a malformed event is dropped; the next one refetches anyway
    }
    for (const sub of conn.subscribers) sub.onChange?.(event);
  });
  source.addEventListener('notification', () => {
    for (const sub of conn.subscribers) sub.onNotification?.();
  });
  source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
  return conn;
}

/**
 * Listens to /api/realtime (server-sent events). `onReady` fires on every reconnect so the
 * caller can refetch whatever changed while the connection was down; `onNotification` when
 * one of the member's own notifications arrived.
 */
export function useRealtime(handlers: Omit<Subscriber, 'setState'>): State {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const [state, setState] = useState<State>('connecting');
  useEffect(() => {
    shared ??= connect();
    const conn = shared;
    const sub: Subscriber = {
      onChange: (e) => ref.current.onChange?.(e),
      onReady: () => ref.current.onReady?.(),
      onNotification: () => ref.current.onNotification?.(),
      setState,
    };
    conn.subscribers.add(sub);
    setState(conn.state);
    return () => {
      conn.subscribers.delete(sub);
      if (conn.subscribers.size === 0) {
        conn.source.close();
        if (shared === conn) shared = null;
      }
    };
  }, []);
  return state;
}

'use client';

import { useEffect, useRef, useState } from 'react';

export type RealtimeChange =
  | { type: 'conversation.changed'; conversationId: string; change: string }
  | { type: 'member.availability'; userId: string };

/**
 * Listens to /api/realtime (server-sent events). `onReady` fires on every (re)connect so
 * the caller can refetch whatever changed while the connection was down.
 */
export function useRealtime(handlers: { onChange: (event: RealtimeChange) => void; onReady: () => void }): 'connecting' | 'live' | 'offline' {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const [state, setState] = useState<'connecting' | 'live' | 'offline'>('connecting');
  useEffect(() => {
    const source = new EventSource('/api/realtime');
    let connectedOnce = false;
    source.addEventListener('ready', () => {
      setState('live');
      if (connectedOnce) ref.current.onReady();
      connectedOnce = true;
    });
    source.addEventListener('change', (e) => {
      try {
        ref.current.onChange(JSON.parse((e as MessageEvent<string>).data) as RealtimeChange);
      } catch {
        /* a malformed event is dropped; the next one refetches anyway */
      }
    });
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => source.close();
  }, []);
  return state;
}

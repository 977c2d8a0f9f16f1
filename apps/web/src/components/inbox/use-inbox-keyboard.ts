'use client';

import { useEffect, useRef } from 'react';

export type InboxKeys = { next: () => void; previous: () => void; reply: () => void; comment: () => void; close: () => void };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** j/k move through the list, r replies, c comments, e closes; inert while typing. */
export function useInboxKeyboard(keys: InboxKeys) {
  const ref = useRef(keys);
  useEffect(() => {
    ref.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      const action = { j: 'next', k: 'previous', r: 'reply', c: 'comment', e: 'close' }[event.key] as keyof InboxKeys | undefined;
      if (!action) return;
      event.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

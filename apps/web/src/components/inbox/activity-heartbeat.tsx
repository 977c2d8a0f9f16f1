'use client';

import { useEffect } from 'react';
import { heartbeatAction } from '@/app/(app)/inbox/actions';

const EVERY_MS = 60_000;

/**
 * Tells the server the member is active (keys, clicks, scrolling in a visible tab), at most
 * once a minute. The worker sets "online" members with no such sign for a while to "away".
 */
export function ActivityHeartbeat() {
  useEffect(() => {
    let last = 0;
    const onActivity = () => {
      if (document.visibilityState !== 'visible') return;
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      void heartbeatAction().catch(() => {});
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'focus'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, []);
  return null;
}

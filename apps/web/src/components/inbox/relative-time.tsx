'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

const subscribe = () => () => {};

function short(iso: string, now: number): string {
  const diff = Math.max(0, now - Date.parse(iso));
  const min = Math.floor(diff / 60_000);
  if (min < 1) return 'now';
  if (min < 60) return `${min}m`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 7) return `${d}d`;
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** "5m", "3h": ticks every 30 s; the title shows the full time in the viewer's zone. */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const full = useSyncExternalStore(
    subscribe,
    () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    () => iso,
  );
  const label = useSyncExternalStore(
    subscribe,
    () => short(iso, now),
    () => '',
  );
  return (
    <time dateTime={iso} title={full} suppressHydrationWarning>
      {label}
    </time>
  );
}

/** A clock time ("14:05") in the viewer's zone, for timeline entries. */
export function ClockTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    subscribe,
    () => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    () => '',
  );
  const full = useSyncExternalStore(
    subscribe,
    () => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(new Date(iso)),
    () => iso,
  );
  return (
    <time dateTime={iso} title={full}>
      {text}
    </time>
  );
}

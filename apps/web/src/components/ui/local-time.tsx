'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * A time in the viewer's time zone. The server does not know that zone, so it renders
 * nothing-but-the-ISO-date and the browser fills in the local time after hydration.
 */
export function LocalTime({
  iso,
  mode = 'datetime',
  fallback = '—',
}: {
  iso: string | null | undefined;
  mode?: 'datetime' | 'date';
  fallback?: string;
}) {
  const text = useSyncExternalStore(
    subscribe,
    () => (iso ? format(iso, mode) : fallback),
    () => (iso ? iso.slice(0, 10) : fallback),
  );
  if (!iso) return <span className="text-slate-400">{fallback}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

function format(iso: string, mode: 'datetime' | 'date'): string {
  const options: Intl.DateTimeFormatOptions =
    mode === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
}

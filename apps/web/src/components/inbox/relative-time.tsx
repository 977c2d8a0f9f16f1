'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { useDisplayTimeZone, useFormattedTime } from '@/components/ui/display-time-zone';
import { formatDateTime } from '@/components/ui/format-date-time';

const subscribe = () => () => {};

function short(iso: string, now: number, timeZone: string | undefined): string {
  const diff = Math.max(0, now - Date.parse(iso));
  const min = Math.floor(diff / 60_000);
  if (min < 1) return 'now';
  if (min < 60) return `${min}m`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 7) return `${d}d`;
  return formatDateTime(iso, { timeZone, style: 'date' });
}

/** "5m", "3h": ticks every 30 s; the title shows the full time in the viewer's zone. */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const zone = useDisplayTimeZone();
  const full = useFormattedTime(iso, 'datetime', iso);
  const label = useSyncExternalStore(
    subscribe,
    () => short(iso, now, zone),
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
  const text = useFormattedTime(iso, 'time', '');
  const full = useFormattedTime(iso, 'full', iso);
  return (
    <time dateTime={iso} title={full}>
      {text}
    </time>
  );
}

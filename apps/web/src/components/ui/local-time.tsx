'use client';

import { useDisplayTimeZone } from './display-time-zone';
import { formatDateTime, type DateTimeStyle } from './format-date-time';

/**
 * A time in the display zone (the viewer's browser zone unless one is configured). With no
 * configured zone the server cannot know it, so it renders the ISO date and the browser fills
 * in the time after hydration. Every time on a page goes through here, in one format.
 */
export function LocalTime({
  iso,
  mode = 'datetime',
  fallback = '—',
}: {
  iso: string | null | undefined;
  mode?: DateTimeStyle;
  fallback?: string;
}) {
  const zone = useDisplayTimeZone();
  if (!iso) return <span className="text-slate-500">{fallback}</span>;
  const text = zone === undefined ? iso.slice(0, 10) : formatDateTime(iso, { timeZone: zone, style: mode });
  const title = zone === undefined ? iso : `${formatDateTime(iso, { timeZone: zone, style: 'full' })}`;
  return (
    <time dateTime={iso} title={title}>
      {text}
    </time>
  );
}

/**
 * The one way the UI writes a point in time. The zone is a parameter, not the machine's: the
 * browser passes the viewer's display zone (see display-time-zone.tsx), tests pass a fixed one,
 * and a workspace or per-user zone plugs in without touching the callers.
 */
export type DateTimeStyle = 'datetime' | 'datetime-seconds' | 'date' | 'time' | 'full';

const OPTIONS: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  'datetime-seconds': { dateStyle: 'medium', timeStyle: 'medium' },
  date: { dateStyle: 'medium' },
  time: { hour: '2-digit', minute: '2-digit' },
  full: { dateStyle: 'full', timeStyle: 'long' },
};

// Intl.DateTimeFormat construction is the expensive part; a trace renders dozens of times.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: DateTimeStyle, timeZone: string | undefined, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${timeZone ?? ''}|${locale ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone });
    } catch {
      // An unknown zone name (a stale setting) must not break the page: fall back to the default zone.
      f = new Intl.DateTimeFormat(locale, OPTIONS[style]);
    }
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(
  at: Date | string | number,
  { timeZone, style = 'datetime', locale }: { timeZone?: string; style?: DateTimeStyle; locale?: string } = {},
): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter(style, timeZone, locale).format(date);
}

/** The zone Intl uses when none is given: the browser's (or the server process's). */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

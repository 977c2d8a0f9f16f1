'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { defaultTimeZone, formatDateTime, type DateTimeStyle } from './format-date-time';

/**
 * The zone times are shown in. `null` means the viewer's browser zone. A workspace or
 * per-user display zone is provided here once (in the app layout) and every time on the
 * page follows it.
 */
const DisplayTimeZoneContext = createContext<string | null>(null);

export function DisplayTimeZoneProvider({ zone, children }: { zone: string | null | undefined; children: ReactNode }) {
  return <DisplayTimeZoneContext.Provider value={zone ?? null}>{children}</DisplayTimeZoneContext.Provider>;
}

const subscribe = () => () => {};

/**
 * The display zone, or undefined while server-rendering with no zone configured: the server
 * does not know the browser's zone, so such times are filled in after hydration.
 */
export function useDisplayTimeZone(): string | undefined {
  const configured = useContext(DisplayTimeZoneContext);
  const browser = useSyncExternalStore(subscribe, defaultTimeZone, () => undefined);
  return configured ?? browser;
}

/** Formats with the display zone; `serverText` is what the server renders before it is known. */
export function useFormattedTime(at: string | number | Date | null | undefined, style: DateTimeStyle, serverText: string): string {
  const zone = useDisplayTimeZone();
  if (at === null || at === undefined) return serverText;
  return zone === undefined ? serverText : formatDateTime(at, { timeZone: zone, style });
}

/** "Times in Europe/Paris": says which zone the times on the page are in. */
export function DisplayTimeZoneNote({ className = '' }: { className?: string }) {
  const zone = useDisplayTimeZone();
  if (!zone) return null;
  return (
    <span className={className} data-testid="display-time-zone">
      Times in {zone.replaceAll('_', ' ')}
    </span>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Live updates by re-rendering the server component every few seconds. Paused while the tab
 * is hidden, so a forgotten tab does not poll the database all night.
 */
export function AutoRefresh({ everyMs = 4000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" title={`Refreshes every ${everyMs / 1000} s`}>
      <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
      Live
    </span>
  );
}

'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/**
 * The server cannot know the viewer's time zone, and "by day" must mean their days: put it
 * in the URL once (replace, so Back is not polluted), and the server renders with it.
 */
export function TimeZoneSync() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // A link shared from another zone keeps its zone: only a missing one is filled in.
    if (tz && !params.get('tz')) {
      const next = new URLSearchParams(params);
      next.set('tz', tz);
      router.replace(`${pathname}?${next}`);
    }
  }, [router, pathname, params]);
  return null;
}

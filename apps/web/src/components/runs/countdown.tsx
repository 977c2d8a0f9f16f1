'use client';

import { useEffect, useState } from 'react';
import { useFormattedTime } from '@/components/ui/display-time-zone';
import { formatLeft } from './format-metric';

/** Time left until `iso`, ticking every second, plus the due time in the viewer's zone. */
export function Countdown({ iso }: { iso: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const dueLocal = useFormattedTime(iso, 'datetime', iso);
  const left = now === null ? null : new Date(iso).getTime() - now;
  return (
    <span className="inline-flex flex-col">
      <span className={`font-mono text-sm tabular-nums ${left !== null && left <= 0 ? 'text-amber-700' : 'text-slate-900'}`} data-testid="countdown">
        {left === null ? '…' : left <= 0 ? 'due now' : `in ${formatLeft(left)}`}
      </span>
      <time dateTime={iso} className="text-xs text-slate-500">
        {dueLocal}
      </time>
    </span>
  );
}

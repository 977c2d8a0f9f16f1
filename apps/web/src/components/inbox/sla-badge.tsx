'use client';

import { useEffect, useState } from 'react';
import { describeSlaDue } from '@baton/engine';
import { useFormattedTime } from '@/components/ui/display-time-zone';

/**
 * The conversation's next SLA due time, counting down each second: "SLA 4m 12s left", then
 * "SLA breached 5m 00s ago" in red — the words say it, the colour only repeats it. Rendered
 * after mount (the server cannot know the viewer's "now").
 */
export function SlaBadge({ dueAt }: { dueAt: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const full = useFormattedTime(dueAt, 'datetime', dueAt);
  if (now === null) return null;
  const { breached, text } = describeSlaDue(Date.parse(dueAt), now);
  return (
    <span
      data-testid="sla-badge"
      data-breached={breached ? 'true' : 'false'}
      title={`SLA due ${full}`}
      className={`whitespace-nowrap rounded px-1 font-medium ${breached ? 'bg-red-50 text-red-700' : 'bg-violet-50 text-violet-800'}`}
    >
      SLA {text}
    </span>
  );
}

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

/**
 * An SLA clock paused while the conversation waits on the customer (the policy's option): it
 * has no due time until they write, so there is nothing to count down. Says so in words (a
 * pause sign too, not colour alone); the title explains when it runs on. `compact` (the list,
 * where the assignee must keep its room): "SLA paused" shown, the reason read out and in the title.
 */
export function SlaPausedBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span
      data-testid="sla-paused-badge"
      title="SLA paused — waiting on customer: the clock stopped when the agent answered and runs on when the customer writes."
      className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded bg-slate-100 px-1 font-medium text-slate-700"
    >
      <svg aria-hidden viewBox="0 0 10 10" className="size-2.5 fill-current">
        <rect x="1.5" y="1" width="2.5" height="8" rx="0.5" />
        <rect x="6" y="1" width="2.5" height="8" rx="0.5" />
      </svg>
      {/* One text item of the flex row, so it reads as one phrase. */}
      <span>
        SLA paused
        {compact ? (
          <span className="sr-only"> — waiting on customer</span>
        ) : (
          ' — waiting on customer'
        )}
      </span>
    </span>
  );
}

/** The countdown of the soonest running clock; otherwise "paused" when a clock waits on the customer. */
export function SlaStatus({
  dueAt,
  paused,
  compact = false,
}: {
  dueAt: string | null | undefined;
  paused: boolean | undefined;
  compact?: boolean;
}) {
  if (dueAt) return <SlaBadge dueAt={dueAt} />;
  return paused ? <SlaPausedBadge compact={compact} /> : null;
}

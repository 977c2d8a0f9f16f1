'use client';

import { useOptimistic, useState, useTransition } from 'react';
import { AvailabilityDot, availabilityLabel } from '@/components/ui/availability-dot';
import { setMyAvailability } from '@/app/(app)/shell-actions';

const OPTIONS = ['online', 'away', 'offline'] as const;
type Availability = (typeof OPTIONS)[number];

/** The signed-in member's own availability; assignment only picks members who are online. */
export function AvailabilityToggle({ availability }: { availability: Availability }) {
  const [optimistic, setOptimistic] = useOptimistic(availability);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  return (
    <div>
      <div role="radiogroup" aria-label="Your availability" className="grid grid-cols-3 gap-0.5 rounded-md bg-slate-100 p-0.5">
        {OPTIONS.map((value) => {
          const checked = optimistic === value;
          return (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={checked}
              onClick={() =>
                startTransition(async () => {
                  setOptimistic(value);
                  setError(null);
                  const r = await setMyAvailability(value);
                  if (!r.ok) setError(r.error);
                })
              }
              className={`flex items-center justify-center gap-1.5 rounded px-1.5 py-1 text-xs font-medium transition ${
                checked ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
              }`}
            >
              <AvailabilityDot availability={value} />
              {availabilityLabel[value]}
            </button>
          );
        })}
      </div>
      {error ? <p role="alert" className="mt-1 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

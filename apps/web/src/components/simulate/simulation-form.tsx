'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { startSimulationAction } from '@/server/workflows/simulate-workflow';

const DAY = 86_400_000;
/** A datetime-local value (the browser's zone) for an instant, to the minute (rounded down). */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Period (default: the last 7 days) and seed; starts a simulation and shows it. */
export function SimulationForm({ workflowId, maxDays }: { workflowId: string; maxDays: number }) {
  const router = useRouter();
  const [now] = useState(() => Date.now());
  const [from, setFrom] = useState(() => localInput(now - 7 * DAY));
  // Rounded up to the next minute: the field has no seconds, and "now" must include what
  // was opened in the current minute.
  const [to, setTo] = useState(() => localInput(now + 60_000));
  const [seed, setSeed] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const iso = (v: string) => (v && !Number.isNaN(new Date(v).getTime()) ? new Date(v).toISOString() : v);
    start(async () => {
      const r = await startSimulationAction(workflowId, { from: iso(from), to: iso(to), seed });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setError(r.fieldErrors ? null : r.error);
        return;
      }
      setErrors({});
      setError(null);
      router.push(`/workflows/${workflowId}/simulate?simulation=${r.data.id}`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-4" data-testid="simulation-form" noValidate>
      <TextField label="From" name="from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} error={errors.from} />
      <TextField label="To" name="to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} error={errors.to} hint={`At most ${maxDays} days`} />
      <TextField label="Seed" name="seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} error={errors.seed} className="w-28" hint="Same seed, same result" />
      <Button type="submit" pending={pending} data-testid="simulation-start">
        Simulate
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}

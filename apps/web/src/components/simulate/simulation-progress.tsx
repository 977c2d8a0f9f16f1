'use client';

import { useEffect, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { cancelSimulationAction, simulationProgressAction, type SimulationProgress } from '@/server/workflows/simulate-workflow';

const POLL_MS = 500;

/** The running simulation's progress bar (polled from Postgres) with Cancel; refreshes the page when it ends. */
export function SimulationProgressBar({ simulationId, initial }: { simulationId: string; initial: SimulationProgress }) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [pending, start] = useTransition();
  const live = state.status === 'queued' || state.status === 'running';

  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const r = await simulationProgressAction(simulationId);
      if (stopped || !r.ok) return;
      setState(r.data);
      if (r.data.status !== 'queued' && r.data.status !== 'running') router.refresh();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [live, simulationId, router]);

  if (!live) return null;
  const pct = Math.round(state.progress * 100);
  return (
    <div className="flex items-center gap-4" data-testid="simulation-progress">
      <div className="flex-1">
        <div className="mb-1 flex justify-between text-xs text-slate-600">
          <span>{state.status === 'queued' ? 'Waiting for a worker…' : 'Replaying the period…'}</span>
          <span>{pct}%</span>
        </div>
        <div role="progressbar" aria-label="Simulation progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-200">
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
        </div>
      </div>
      <Button
        variant="secondary"
        size="sm"
        pending={pending}
        data-testid="simulation-cancel"
        onClick={() =>
          start(async () => {
            await cancelSimulationAction(simulationId);
            router.refresh();
          })
        }
      >
        Cancel
      </Button>
    </div>
  );
}

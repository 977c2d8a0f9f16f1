'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { cancelRunAction, fireWaitNowAction, retryRunAction } from '@/server/runs/run-actions';

type Props =
  | { kind: 'waiting'; runId: string; waitSeq: number; label?: string }
  | { kind: 'failed'; runId: string };

/** Fire now / cancel for a waiting run, retry for a failed one. Errors show inline. */
export function RunActionButtons(props: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = (name: string, fn: () => Promise<{ ok: boolean; error?: string }>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setError(null);
    setBusy(name);
    start(async () => {
      const result = await fn();
      if (!result.ok) setError(result.error ?? 'Something went wrong');
      router.refresh();
      setBusy(null);
    });
  };

  const who = 'label' in props && props.label ? ` for ${props.label}` : '';
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        {props.kind === 'waiting' ? (
          <>
            <Button
              size="sm"
              aria-label={`Fire now${who}`}
              pending={pending && busy === 'fire'}
              disabled={pending}
              onClick={() => act('fire', () => fireWaitNowAction(props.runId, props.waitSeq))}
            >
              Fire now
            </Button>
            <Button
              size="sm"
              variant="danger"
              aria-label={`Cancel run${who}`}
              pending={pending && busy === 'cancel'}
              disabled={pending}
              onClick={() => act('cancel', () => cancelRunAction(props.runId), 'Cancel this run? Its pending timer will not fire.')}
            >
              Cancel run
            </Button>
          </>
        ) : (
          <Button size="sm" pending={pending} onClick={() => act('retry', () => retryRunAction(props.runId))}>
            Retry from failed step
          </Button>
        )}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

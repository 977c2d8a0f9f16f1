import type { SaveStatus } from './use-autosave';

const text: Record<SaveStatus, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
};

export function SaveIndicator({ status, error }: { status: SaveStatus; error: string | null }) {
  const dot = status === 'saved' ? 'bg-emerald-500' : status === 'saving' ? 'animate-pulse bg-brand-500' : status === 'error' ? 'bg-red-500' : 'bg-amber-500';
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="save-status" data-status={status} title={error ?? undefined} aria-live="polite">
      <span className={`size-1.5 rounded-full ${dot}`} />
      {status === 'error' && error ? `Not saved: ${error}` : text[status]}
    </span>
  );
}

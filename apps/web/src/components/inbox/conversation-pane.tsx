'use client';

import { forwardRef } from 'react';
import { Timeline } from './timeline';
import { Composer, type ComposerHandle } from './composer';
import { SlaStatus } from './sla-badge';
import type { CannedReplyOption, ConversationView, MemberOption } from './inbox-types';

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

type Props = {
  conversation: ConversationView;
  viewerId: string;
  members: MemberOption[];
  cannedReplies: CannedReplyOption[];
  busy: boolean;
  error: string | null;
  onAssign: (assigneeId: string | null) => void;
  onClose: () => void;
  onReopen: () => void;
  /** Loads the previous page of the timeline; null when it is all shown. */
  onLoadEarlier: (() => Promise<void>) | null;
  onReply: (text: string) => Promise<string | null>;
  onComment: (body: string, mentionUserIds: string[]) => Promise<string | null>;
};

export const ConversationPane = forwardRef<ComposerHandle, Props>(function ConversationPane(
  { conversation: c, viewerId, members, cannedReplies, busy, error, onAssign, onClose, onReopen, onLoadEarlier, onReply, onComment },
  composerRef,
) {
  const open = c.status === 'open';
  return (
    <section className="flex min-w-0 flex-1 flex-col bg-slate-50" aria-label={`Conversation with ${c.contact.name}`} data-testid="conversation-pane">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-5 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900" data-testid="conversation-title">
            {c.contact.name}
          </h2>
          <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
            <span>{c.channel?.name ?? 'Unknown channel'}</span>
            {c.contact.email ? <span>· {c.contact.email}</span> : null}
            {c.teamName ? <span>· Team {c.teamName}</span> : null}
            {c.firstResponseMs !== null ? <span>· First response in {formatDuration(c.firstResponseMs)}</span> : null}
            {c.sla.dueAt || c.sla.paused ? (
              <span data-testid="conversation-sla">
                <SlaStatus dueAt={c.sla.dueAt} paused={c.sla.paused} />
              </span>
            ) : null}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2 text-xs text-slate-500">
            <span>Assignee</span>
            <select
              aria-label="Assignee"
              data-testid="assignee-select"
              value={c.assigneeId ?? ''}
              disabled={busy}
              onChange={(e) => onAssign(e.target.value || null)}
              className="rounded-md border-0 bg-white py-1.5 pr-7 pl-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
            >
              <option value="">Unassigned</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.userId === viewerId ? `${m.name} (you)` : m.name}
                  {m.availability !== 'online' ? ` · ${m.availability}` : ''}
                </option>
              ))}
            </select>
          </label>
          {open ? (
            <button
              type="button"
              onClick={onClose}
              disabled={busy}
              className="shrink-0 whitespace-nowrap rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
            >
              Close <kbd className="ml-1 font-sans text-[10px] text-slate-500">E</kbd>
            </button>
          ) : (
            <button
              type="button"
              onClick={onReopen}
              disabled={busy}
              className="shrink-0 whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-50"
            >
              Reopen
            </button>
          )}
        </div>
      </header>
      {error ? (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-5 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Timeline items={c.timeline} onLoadEarlier={onLoadEarlier} />
      <Composer
        ref={composerRef}
        members={members}
        cannedReplies={cannedReplies}
        variableValues={{
          'contact.name': c.contact.name,
          'contact.email': c.contact.email,
          'assignee.name': c.assigneeName,
          'team.name': c.teamName,
          'agent.name': members.find((mb) => mb.userId === viewerId)?.name ?? null,
        }}
        disabled={open ? null : 'This conversation is closed. Reopen it to reply.'}
        onReply={onReply}
        onComment={onComment}
      />
    </section>
  );
});

'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Avatar } from './avatar';
import { RelativeTime } from './relative-time';
import { SlaStatus } from './sla-badge';
import type { InboxListItem, InboxViewKey } from './inbox-types';

const EMPTY: Record<InboxViewKey, { title: string; body: string }> = {
  mine: { title: 'Nothing assigned to you', body: 'New conversations land here when a workflow or a teammate assigns them to you. Set yourself Online to receive "online only" assignments.' },
  teams: { title: 'Your teams are all caught up', body: 'Conversations routed to any of your teams show here. Ask an admin to add you to a team if this stays empty.' },
  unassigned: { title: 'No unassigned conversations', body: 'Every open conversation has an owner. Unassigned ones appear here when no one was online to take them.' },
  mentions: { title: 'No mentions yet', body: 'When someone writes @your-name in an internal note, the conversation shows up here.' },
  all: { title: 'No open conversations', body: 'Send a message to a channel (Settings → Channels has a test button) and it will appear here.' },
  closed: { title: 'No closed conversations', body: 'Closed conversations stay searchable here; reopen one to continue it.' },
};

export function ConversationList({
  items,
  view,
  filtered,
  selectedId,
  loading,
  hasMore,
  onSelect,
  onLoadMore,
}: {
  items: InboxListItem[];
  view: InboxViewKey;
  filtered: boolean;
  selectedId: string | null;
  loading: boolean;
  hasMore: boolean;
  onSelect: (id: string) => void;
  onLoadMore: () => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  if (items.length === 0) {
    const empty = filtered ? { title: 'No matches', body: 'Nothing in this view matches your search and filters. Clear them to see everything.' } : EMPTY[view];
    return (
      <div className="flex flex-1 flex-col items-center justify-center px-8 text-center" data-testid="conversation-list-empty">
        <div className="mb-3 rounded-full bg-slate-100 p-3 text-slate-500">
          <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-5">
            <path strokeLinecap="round" strokeLinejoin="round" d="M3 10.5 5.5 4h9L17 10.5M3 10.5V15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-4.5M3 10.5h4l1 2h4l1-2h4" />
          </svg>
        </div>
        <p className="text-sm font-medium text-slate-800">{loading ? 'Loading…' : empty.title}</p>
        {!loading ? <p className="mt-1 text-xs leading-relaxed text-slate-500">{empty.body}</p> : null}
      </div>
    );
  }
  const at = items.findIndex((c) => c.id === selectedId);
  // One tab stop for the list; arrows (like j/k anywhere on the page) move the selection,
  // which opens the conversation. The selected option is the active descendant.
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const to = (i: number) => {
      e.preventDefault();
      const next = items[Math.max(0, Math.min(items.length - 1, i))];
      if (next) onSelect(next.id);
    };
    if (e.key === 'ArrowDown') to(at === -1 ? 0 : at + 1);
    else if (e.key === 'ArrowUp') to(at === -1 ? 0 : at - 1);
    else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(items.length - 1);
  };
  return (
    <div className="flex-1 overflow-y-auto">
      <ul
        ref={listRef}
        role="listbox"
        aria-label="Conversations"
        tabIndex={0}
        aria-activedescendant={at === -1 ? undefined : `conversation-option-${selectedId}`}
        onKeyDown={onKeyDown}
        className="focus-visible:-outline-offset-2"
        data-testid="conversation-list"
      >
        {items.map((c) => {
          const selected = c.id === selectedId;
          return (
            <li
              key={c.id}
              id={`conversation-option-${c.id}`}
              role="option"
              aria-selected={selected}
              data-conversation-id={c.id}
              onClick={() => onSelect(c.id)}
              className={`relative flex cursor-pointer gap-3 border-b border-slate-100 px-4 py-3 ${
                selected ? 'bg-brand-50/70' : 'hover:bg-slate-50'
              }`}
            >
              {selected ? <span aria-hidden className="absolute inset-y-0 left-0 w-0.5 bg-brand-600" /> : null}
              <Avatar name={c.contactName} />
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <span className={`truncate text-sm ${c.unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-700'}`}>{c.contactName}</span>
                  <span className="shrink-0 text-xs text-slate-600">
                    <RelativeTime iso={c.lastActivityAt} />
                  </span>
                </div>
                <p className={`mt-0.5 truncate text-xs ${c.unread ? 'text-slate-700' : 'text-slate-600'}`}>{c.preview ?? 'No messages yet'}</p>
                <div className="mt-1.5 flex items-center gap-1.5 text-[11px] text-slate-600">
                  <span className="truncate">{c.assigneeName ?? 'Unassigned'}</span>
                  {c.teamName ? <span className="truncate text-slate-600">· {c.teamName}</span> : null}
                  {c.status === 'closed' ? <span className="rounded bg-slate-100 px-1 text-slate-600">Closed</span> : null}
                  {c.queue ? (
                    <span className="whitespace-nowrap rounded bg-sky-50 px-1 text-sky-800" data-testid="queue-badge" title={`Waiting in the ${c.queue.name} queue`}>
                      #{c.queue.position} in {c.queue.name} queue · <RelativeTime iso={c.queue.queuedAt} />
                    </span>
                  ) : null}
                  <SlaStatus dueAt={c.slaDueAt} paused={c.slaPaused} compact />
                  {c.awaitingReply && c.status === 'open' ? <span className="rounded bg-amber-50 px-1 text-amber-700">Waiting</span> : null}
                  {c.unread ? (
                    <span className="ml-auto inline-flex shrink-0 items-center gap-1 font-medium text-brand-700" data-testid="unread-badge">
                      <span aria-hidden className="size-2 rounded-full bg-brand-600" />
                      New
                    </span>
                  ) : null}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <div className="p-3 text-center">
          <button type="button" onClick={onLoadMore} disabled={loading} className="text-xs font-medium text-brand-600 hover:text-brand-700 disabled:opacity-50">
            {loading ? 'Loading…' : 'Load older conversations'}
          </button>
        </div>
      ) : null}
    </div>
  );
}

'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import {
  assignAction,
  closeAction,
  commentAction,
  loadConversationAction,
  runWorkflowAction,
  updateContactAction,
  loadEarlierAction,
  loadInboxAction,
  loadMoreAction,
  reopenAction,
  replyAction,
} from '@/app/(app)/inbox/actions';
import { InboxSidebar } from './inbox-sidebar';
import { ConversationList } from './conversation-list';
import { ConversationPane } from './conversation-pane';
import type { ComposerHandle } from './composer';
import { useRealtime, type RealtimeChange } from './use-realtime';
import { useInboxKeyboard } from './use-inbox-keyboard';
import type { CannedReplyOption, ContactSchema, ConversationView, InboxFilters, InboxPageData, MemberOption, Option } from './inbox-types';
import { ContactPanel } from './contact-panel';

type Props = {
  viewerId: string;
  seesAll: boolean;
  initialFilters: InboxFilters;
  initialPage: InboxPageData;
  initialConversation: ConversationView | null;
  channels: Option[];
  teams: Option[];
  members: MemberOption[];
  contactSchema: ContactSchema;
  manualWorkflows: Option[];
  cannedReplies: CannedReplyOption[];
};

function urlFor(filters: InboxFilters, selectedId: string | null): string {
  const params = new URLSearchParams();
  if (filters.view !== 'mine') params.set('view', filters.view);
  if (filters.channelId) params.set('channel', filters.channelId);
  if (filters.teamId) params.set('team', filters.teamId);
  if (filters.assigneeId) params.set('assignee', filters.assigneeId);
  if (filters.q) params.set('q', filters.q);
  if (filters.sort === 'due') params.set('sort', 'due');
  if (selectedId) params.set('c', selectedId);
  const qs = params.toString();
  return qs ? `/inbox?${qs}` : '/inbox';
}

/** The open conversation is being read: a list fetched before its mark-read landed must not show it unread. */
function withOpenRead(page: InboxPageData, openId: string | null): InboxPageData {
  return openId ? { ...page, items: page.items.map((i) => (i.id === openId ? { ...i, unread: false } : i)) } : page;
}

/**
 * The three-pane inbox. Realtime events carry ids only: on each one it refetches the list's
 * first page (and the open conversation when that is the one that changed) through the
 * same authorized server actions a click would use.
 */
export function InboxApp(props: Props) {
  const router = useRouter();
  const [filters, setFilters] = useState(props.initialFilters);
  const [page, setPage] = useState(props.initialPage);
  const [selectedId, setSelectedId] = useState<string | null>(props.initialConversation?.id ?? null);
  const [conversation, setConversation] = useState<ConversationView | null>(props.initialConversation);
  const [loadingList, setLoadingList] = useState(false);
  const [paneError, setPaneError] = useState<string | null>(null);
  const [busy, startBusy] = useTransition();
  const composer = useRef<ComposerHandle>(null);
  const latest = useRef({ filters, selectedId, loaded: page.items.length });
  useEffect(() => {
    latest.current = { filters, selectedId, loaded: page.items.length };
  });

  useEffect(() => {
    window.history.replaceState(null, '', urlFor(filters, selectedId));
  }, [filters, selectedId]);

  const refreshList = useCallback(async () => {
    const { filters: f, loaded } = latest.current;
    // Refetch as many rows as are on screen, so a live update does not collapse "load more".
    const r = await loadInboxAction({ ...f, limit: Math.min(100, Math.max(30, loaded)) });
    if (r.ok && latest.current.filters === f) setPage(withOpenRead(r.data, latest.current.selectedId));
  }, []);

  const refreshConversation = useCallback(async (id: string) => {
    const r = await loadConversationAction(id);
    if (latest.current.selectedId !== id) return;
    if (r.ok) {
      setConversation((prev) => keepEarlier(prev, r.data));
      setPaneError(null);
    } else {
      setConversation(null);
      setPaneError(r.error);
    }
  }, []);

  // Bursts (a workflow assigning and commenting) arrive as several events: coalesce them.
  const pending = useRef<{ list: boolean; conversation: boolean; timer: ReturnType<typeof setTimeout> | null }>({ list: false, conversation: false, timer: null });
  const schedule = useCallback(
    (what: { list?: boolean; conversation?: boolean }) => {
      const p = pending.current;
      p.list ||= Boolean(what.list);
      p.conversation ||= Boolean(what.conversation);
      if (p.timer) return;
      p.timer = setTimeout(() => {
        const { list, conversation: conv } = p;
        p.list = p.conversation = false;
        p.timer = null;
        if (list) void refreshList();
        if (conv && latest.current.selectedId) void refreshConversation(latest.current.selectedId);
      }, 150);
    },
    [refreshList, refreshConversation],
  );

  const live = useRealtime({
    onChange(event: RealtimeChange) {
      if (event.type === 'member.availability') {
        // The header's availability toggle is server-rendered: refresh it if it is ours.
        if (event.userId === props.viewerId) router.refresh();
        return;
      }
      schedule({ list: true, conversation: event.conversationId === latest.current.selectedId });
    },
    onReady: () => schedule({ list: true, conversation: true }),
  });

  // A backstop for anything realtime missed (e.g. a conversation that left this viewer's teams).
  useEffect(() => {
    const timer = setInterval(() => schedule({ list: true }), 60_000);
    return () => clearInterval(timer);
  }, [schedule]);

  function changeFilters(next: InboxFilters) {
    setFilters(next);
    setLoadingList(true);
    void loadInboxAction(next).then((r) => {
      setLoadingList(false);
      if (r.ok && latest.current.filters === next) setPage(withOpenRead(r.data, latest.current.selectedId));
    });
  }

  function select(id: string) {
    if (id === selectedId) return;
    setSelectedId(id);
    setPaneError(null);
    // Opening marks it read: clear the dot at once rather than after the round trip.
    setPage((p) => ({ ...p, items: p.items.map((i) => (i.id === id ? { ...i, unread: false } : i)) }));
    void refreshConversation(id);
  }

  function loadMore() {
    if (!page.nextCursor) return;
    setLoadingList(true);
    void loadMoreAction({ ...filters, cursor: page.nextCursor }).then((r) => {
      setLoadingList(false);
      if (r.ok) setPage((p) => ({ ...p, items: [...p.items, ...r.data.items.filter((i) => !p.items.some((x) => x.id === i.id))], nextCursor: r.data.nextCursor }));
    });
  }

  function act(fn: () => Promise<{ ok: true } | { ok: false; error: string }>) {
    startBusy(async () => {
      const r = await fn();
      setPaneError(r.ok ? null : r.error);
      if (selectedId) await refreshConversation(selectedId);
      await refreshList();
    });
  }

  const loadEarlier = useCallback(async (id: string, before: string) => {
    const r = await loadEarlierAction(id, before);
    if (!r.ok) return setPaneError(r.error);
    setConversation((prev) =>
      prev && prev.id === id && prev.olderBefore === before ? { ...prev, timeline: [...r.data.timeline, ...prev.timeline], olderBefore: r.data.olderBefore } : prev,
    );
  }, []);

  const move = (delta: number) => {
    const items = page.items;
    if (items.length === 0) return;
    const at = items.findIndex((i) => i.id === selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, at === -1 ? 0 : at + delta))];
    if (next) select(next.id);
  };

  useInboxKeyboard({
    next: () => move(1),
    previous: () => move(-1),
    reply: () => conversation && composer.current?.focus('reply'),
    comment: () => conversation && composer.current?.focus('comment'),
    close: () => conversation?.status === 'open' && act(() => closeAction(conversation.id)),
  });

  const filtered = Boolean(filters.q || filters.channelId || filters.teamId || filters.assigneeId);
  return (
    <div className="fixed inset-y-0 right-0 left-60 z-10 flex bg-white" data-testid="inbox">
      <InboxSidebar
        filters={filters}
        counts={page.counts}
        seesAll={props.seesAll}
        channels={props.channels}
        teams={props.teams}
        members={props.members}
        onChange={changeFilters}
      />
      <div className="flex w-72 shrink-0 flex-col border-r border-slate-200 2xl:w-96">
        <div className="flex h-[53px] items-center justify-between border-b border-slate-200 px-4">
          <p className="text-sm font-medium text-slate-700">
            {page.items.length}
            {page.nextCursor ? '+' : ''} conversation{page.items.length === 1 ? '' : 's'}
          </p>
          <span
            className={`flex items-center gap-1.5 text-[11px] ${live === 'live' ? 'text-emerald-700' : 'text-slate-500'}`}
            data-testid="realtime-state"
            data-state={live}
            title={live === 'live' ? 'Updates appear as they happen' : 'Reconnecting…'}
          >
            <span className={`size-1.5 rounded-full ${live === 'live' ? 'bg-emerald-500' : 'bg-slate-300'}`} />
            {live === 'live' ? 'Live' : 'Reconnecting'}
          </span>
        </div>
        <ConversationList
          items={page.items}
          view={filters.view}
          filtered={filtered}
          selectedId={selectedId}
          loading={loadingList}
          hasMore={Boolean(page.nextCursor)}
          onSelect={select}
          onLoadMore={loadMore}
        />
      </div>
      {conversation && conversation.id === selectedId ? (
        <ConversationPane
          ref={composer}
          conversation={conversation}
          viewerId={props.viewerId}
          members={props.members}
          cannedReplies={props.cannedReplies}
          busy={busy}
          error={paneError}
          onLoadEarlier={conversation.olderBefore ? () => loadEarlier(conversation.id, conversation.olderBefore!) : null}
          onAssign={(assigneeId) =>
            act(async () => {
              const r = await assignAction(conversation.id, assigneeId);
              if (!r.ok || !r.data.atCapacity || !assigneeId) return r;
              const { openCount, capacity } = r.data.atCapacity;
              const name = props.members.find((mb) => mb.userId === assigneeId)?.name ?? 'This member';
              // Capacity binds workflows and the queue; a person may still decide to go past it.
              if (!window.confirm(`${name} is at capacity ${openCount}/${capacity} — assign anyway?`)) return { ok: true };
              return assignAction(conversation.id, assigneeId, undefined, true);
            })
          }
          onClose={() => act(() => closeAction(conversation.id))}
          onReopen={() => act(() => reopenAction(conversation.id))}
          onReply={async (text) => {
            const r = await replyAction(conversation.id, text);
            if (r.ok) {
              await refreshConversation(conversation.id);
              void refreshList();
            }
            return r.ok ? null : r.error;
          }}
          onComment={async (body, mentionUserIds) => {
            const r = await commentAction(conversation.id, body, mentionUserIds);
            if (r.ok) await refreshConversation(conversation.id);
            return r.ok ? null : r.error;
          }}
        />
      ) : null}
      {conversation && conversation.id === selectedId ? (
        <ContactPanel
          conversation={conversation}
          schema={props.contactSchema}
          workflows={props.manualWorkflows}
          onUpdate={async (update) => {
            const r = await updateContactAction(conversation.id, update);
            await refreshConversation(conversation.id);
            return r.ok ? null : r.error;
          }}
          onRunWorkflow={async (workflowId) => {
            const r = await runWorkflowAction(conversation.id, workflowId);
            return r.ok ? null : r.error;
          }}
        />
      ) : (
        <div className="flex flex-1 flex-col items-center justify-center bg-slate-50 px-8 text-center">
          {paneError ? (
            <p className="text-sm text-red-600">{paneError}</p>
          ) : selectedId ? (
            <p className="text-sm text-slate-500">Loading conversation…</p>
          ) : (
            <>
              <p className="text-sm font-medium text-slate-700">Pick a conversation</p>
              <p className="mt-1 max-w-xs text-xs text-slate-500">
                Choose one from the list, or press <kbd className="font-semibold">j</kbd> to open the first. New messages appear here live.
              </p>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A live refresh brings the latest page of the timeline; pages the member already loaded with
 * "load earlier" stay above it (everything before the fresh page's cut-off).
 */
function keepEarlier(prev: ConversationView | null, fresh: ConversationView): ConversationView {
  if (!prev || prev.id !== fresh.id || !fresh.olderBefore) return fresh;
  const cutoff = fresh.olderBefore;
  const older = prev.timeline.filter((item) => item.at < cutoff);
  if (older.length === 0) return fresh;
  return { ...fresh, timeline: [...older, ...fresh.timeline], olderBefore: prev.olderBefore };
}

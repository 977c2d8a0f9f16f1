'use client';

import { useEffect, useState } from 'react';
import type { InboxCountsView, InboxFilters, InboxViewKey, MemberOption, Option } from './inbox-types';

const VIEWS: { key: InboxViewKey; label: string; count?: keyof InboxCountsView; leadsOnly?: boolean }[] = [
  { key: 'mine', label: 'Mine', count: 'mine' },
  { key: 'teams', label: 'My teams', count: 'teams' },
  { key: 'unassigned', label: 'Unassigned', count: 'unassigned' },
  { key: 'mentions', label: 'Mentions', count: 'mentions' },
  { key: 'all', label: 'All', count: 'all', leadsOnly: true },
  { key: 'closed', label: 'Closed' },
];

const select =
  'block w-full rounded-md border-0 bg-white py-1.5 pr-7 pl-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-200 focus:ring-2 focus:ring-brand-600 focus:outline-none';

export function InboxSidebar({
  filters,
  counts,
  seesAll,
  channels,
  teams,
  members,
  onChange,
}: {
  filters: InboxFilters;
  counts: InboxCountsView;
  seesAll: boolean;
  channels: Option[];
  teams: Option[];
  members: MemberOption[];
  onChange: (next: InboxFilters) => void;
}) {
  const [q, setQ] = useState(filters.q ?? '');
  // Search as you type, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filters.q ?? '') !== q.trim()) onChange({ ...filters, q: q.trim() || undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);
  return (
    <aside className="flex w-48 shrink-0 flex-col border-r border-slate-200 bg-white 2xl:w-56" aria-label="Inbox views">
      <div className="px-4 pt-4 pb-2">
        <h1 className="text-lg font-semibold tracking-tight text-slate-900">Inbox</h1>
      </div>
      <nav className="space-y-0.5 px-2" aria-label="Views">
        {VIEWS.filter((v) => !v.leadsOnly || seesAll).map((v) => {
          const active = filters.view === v.key;
          const count = v.count ? counts[v.count] : null;
          return (
            <button
              key={v.key}
              type="button"
              aria-current={active ? 'page' : undefined}
              data-testid={`view-${v.key}`}
              onClick={() => onChange({ ...filters, view: v.key })}
              className={`flex w-full items-center justify-between rounded-md px-2.5 py-1.5 text-sm ${
                active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
              }`}
            >
              <span>{v.label}</span>
              {count !== null ? (
                <span className={`text-xs tabular-nums ${active ? 'text-brand-700' : 'text-slate-500'}`}>
                  {v.key === 'mine' && counts.unreadMine > 0 ? (
                    <span className="mr-1.5 inline-block size-1.5 rounded-full bg-brand-600 align-middle" title={`${counts.unreadMine} unread`}>
                      <span className="sr-only">{counts.unreadMine} unread, </span>
                    </span>
                  ) : null}
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </nav>
      <div className="mt-5 space-y-2.5 border-t border-slate-100 px-3 pt-4">
        <label className="block">
          <span className="sr-only">Search conversations</span>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Search name or message…"
            className="block w-full rounded-md border-0 bg-slate-50 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-200 placeholder:text-slate-400 focus:bg-white focus:ring-2 focus:ring-brand-600 focus:outline-none"
          />
        </label>
        <label className="block">
          <span className="sr-only">Sort</span>
          <select
            className={select}
            data-testid="inbox-sort"
            value={filters.sort ?? 'activity'}
            onChange={(e) => onChange({ ...filters, sort: e.target.value === 'due' ? 'due' : 'activity' })}
          >
            <option value="activity">Latest activity first</option>
            <option value="due">SLA due soonest</option>
          </select>
        </label>
        <p className="pt-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Filters</p>
        <label className="block">
          <span className="sr-only">Channel</span>
          <select className={select} value={filters.channelId ?? ''} onChange={(e) => onChange({ ...filters, channelId: e.target.value || undefined })}>
            <option value="">All channels</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="sr-only">Team</span>
          <select className={select} value={filters.teamId ?? ''} onChange={(e) => onChange({ ...filters, teamId: e.target.value || undefined })}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="sr-only">Assignee</span>
          <select className={select} value={filters.assigneeId ?? ''} onChange={(e) => onChange({ ...filters, assigneeId: e.target.value || undefined })}>
            <option value="">Any assignee</option>
            <option value="none">Unassigned</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="mt-auto grid grid-cols-2 gap-x-3 gap-y-1 border-t border-slate-100 px-4 py-3 text-[11px] text-slate-500" aria-label="Keyboard shortcuts">
        {[
          ['j / k', 'next / previous'],
          ['r', 'reply'],
          ['c', 'internal note'],
          ['e', 'close'],
        ].map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="font-sans font-semibold text-slate-500">{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

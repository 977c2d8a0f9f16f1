'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { markMyNotificationsRead } from '@/app/(app)/notification-actions';
import { useRealtime } from '@/components/inbox/use-realtime';
import { LocalTime } from '@/components/ui/local-time';
import { DESKTOP_SETTING_KEY, PERMISSION_ASKED_KEY, notificationTitle, type BellNotification } from './notification-text';

type List = { unread: number; items: BellNotification[] };

const desktopSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/**
 * The notification centre (issue #16): unread count, the latest notifications, mark read.
 * New ones arrive over the realtime stream; when the member turned them on, each new unread
 * one is also shown as a browser notification (tagged by id, so several tabs show it once).
 */
export function NotificationBell() {
  const [list, setList] = useState<List>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>('unsupported');
  const [desktopOn, setDesktopOn] = useState(true);
  const [asked, setAsked] = useState(false);
  // Ids already known, so only notifications that arrive while the page is open pop up.
  const known = useRef<Set<string> | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The panel is wider than the sidebar: it lives in a portal so the page cannot cover it.
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);

  useEffect(() => {
    if (!desktopSupported()) return;
    setPermission(Notification.permission);
    setDesktopOn(localStorage.getItem(DESKTOP_SETTING_KEY) !== 'off');
    setAsked(localStorage.getItem(PERMISSION_ASKED_KEY) === '1');
  }, []);

  const desktop = useRef({ on: desktopOn, permission });
  useEffect(() => {
    desktop.current = { on: desktopOn, permission };
  }, [desktopOn, permission]);

  const refresh = useCallback(async () => {
    const res = await fetch('/api/notifications', { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return;
    const next = (await res.json()) as List;
    setList(next);
    const seen = known.current;
    known.current = new Set(next.items.map((n) => n.id));
    if (!seen || !desktop.current.on || desktop.current.permission !== 'granted') return;
    for (const n of next.items) {
      if (n.readAt || seen.has(n.id)) continue;
      try {
        new Notification(notificationTitle(n), { body: n.text ?? undefined, tag: `baton-${n.id}` });
      } catch {
        /* some browsers only allow notifications from a service worker: the bell still counts */
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
    // A backstop for a stream that was down: the count never stays wrong for long.
    const timer = setInterval(() => void refresh(), 60_000);
    return () => clearInterval(timer);
  }, [refresh]);

  useRealtime({ onNotification: () => void refresh(), onReady: () => void refresh() });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // Escape gives focus back to the bell, where the keyboard user opened the panel from.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // The panel is portalled to the end of the page: without this, Tab from the bell would walk the
  // whole page before reaching it. Opening moves focus into it (its heading, so nothing is pressed).
  useEffect(() => {
    if (open && at) panel.current?.querySelector<HTMLElement>('[data-panel-title]')?.focus();
  }, [open, at]);

  const markRead = async (input: { ids: string[] } | { all: true }) => {
    const now = new Date().toISOString();
    setList((l) => {
      const hit = (n: BellNotification) => !n.readAt && ('all' in input || input.ids.includes(n.id));
      return { unread: Math.max(0, l.unread - l.items.filter(hit).length), items: l.items.map((n) => (hit(n) ? { ...n, readAt: now } : n)) };
    });
    await markMyNotificationsRead(input);
    void refresh();
  };

  // Asked on a click only (browsers ignore or penalise prompts without a user gesture), once.
  const askPermission = async () => {
    localStorage.setItem(PERMISSION_ASKED_KEY, '1');
    setAsked(true);
    const result = await Notification.requestPermission();
    setPermission(result);
  };

  const toggleDesktop = () => {
    const next = !desktopOn;
    localStorage.setItem(DESKTOP_SETTING_KEY, next ? 'on' : 'off');
    setDesktopOn(next);
  };

  return (
    <div className="relative">
      <button
        type="button"
        ref={button}
        data-testid="notification-bell"
        aria-label={list.unread ? `Notifications, ${list.unread} unread` : 'Notifications'}
        aria-expanded={open}
        onClick={() => {
          const r = button.current?.getBoundingClientRect();
          if (r) setAt({ top: r.bottom + 6, left: r.left });
          setOpen((o) => !o);
        }}
        className="relative rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-5 w-5">
          <path d="M10 2a6 6 0 0 0-6 6v3.6l-1.3 2.1A1 1 0 0 0 3.5 15h13a1 1 0 0 0 .8-1.3L16 11.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.4-2h4.8A2.5 2.5 0 0 1 10 18Z" />
        </svg>
        {list.unread > 0 ? (
          <span data-testid="notification-count" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {list.unread > 99 ? '99+' : list.unread}
          </span>
        ) : null}
      </button>
      {open && at ? createPortal(
        <div ref={panel} role="dialog" aria-label="Notifications" data-testid="notification-panel" style={{ top: at.top, left: at.left }} className="fixed z-50 w-80 rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span tabIndex={-1} data-panel-title className="text-sm font-semibold text-slate-800">
              Notifications
            </span>
            <button type="button" data-testid="notification-mark-all" disabled={list.unread === 0} onClick={() => void markRead({ all: true })} className="text-xs text-indigo-600 hover:underline disabled:text-slate-300 disabled:no-underline">
              Mark all read
            </button>
          </div>
          <ul className="max-h-96 overflow-y-auto">
            {list.items.length === 0 ? <li className="px-3 py-6 text-center text-sm text-slate-500">Nothing yet</li> : null}
            {list.items.map((n) => (
              <li key={n.id} data-testid="notification-item" data-unread={n.readAt ? 'false' : 'true'} className={`border-b border-slate-50 px-3 py-2 text-sm ${n.readAt ? 'text-slate-500' : 'bg-indigo-50/50 text-slate-800'}`}>
                {/* A full load: the inbox keeps its selection in client state, which a soft navigation to the same route would not change. */}
                <a
                  href={`/inbox?c=${n.conversationId}`}
                  onClick={(e) => {
                    if (n.readAt) return;
                    // Mark read first, then follow the link.
                    e.preventDefault();
                    void markRead({ ids: [n.id] }).finally(() => window.location.assign(`/inbox?c=${n.conversationId}`));
                  }}
                  className="block"
                >
                  <span className="font-medium">{notificationTitle(n)}</span>
                  {n.text ? <span className="mt-0.5 line-clamp-2 block text-xs text-slate-500">{n.text}</span> : null}
                  <span className="mt-0.5 block text-[11px] text-slate-500">
                    <LocalTime iso={n.createdAt} />
                  </span>
                </a>
                {!n.readAt ? (
                  <button type="button" data-testid="notification-mark-read" onClick={() => void markRead({ ids: [n.id] })} className="mt-1 text-xs text-indigo-600 hover:underline">
                    Mark read
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
            {permission === 'unsupported' ? (
              <span>This browser has no desktop notifications.</span>
            ) : permission === 'default' && !asked ? (
              <button type="button" data-testid="notification-enable-desktop" onClick={() => void askPermission()} className="text-indigo-600 hover:underline">
                Turn on desktop notifications
              </button>
            ) : permission === 'granted' ? (
              <label className="flex items-center gap-2">
                <input type="checkbox" data-testid="notification-desktop-toggle" checked={desktopOn} onChange={toggleDesktop} />
                Desktop notifications
              </label>
            ) : (
              <span>Desktop notifications are blocked in this browser&apos;s settings.</span>
            )}
          </div>
        </div>,
        document.body,
      ) : null}
    </div>
  );
}

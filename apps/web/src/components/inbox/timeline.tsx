'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Avatar } from './avatar';
import { ClockTime } from './relative-time';
import type { TimelineItem } from './inbox-types';

type Message = Extract<TimelineItem, { kind: 'message' }>;

function DeliveryState({ delivery }: { delivery: NonNullable<Message['delivery']> }) {
  if (delivery.status === 'delivered') {
    return <span className="text-emerald-700" data-testid="delivery-delivered">Delivered</span>;
  }
  if (delivery.status === 'failed') {
    return (
      <span className="text-red-600" title={delivery.error ?? undefined} data-testid="delivery-failed">
        Not delivered after {delivery.attempts} attempts{delivery.error ? `: ${delivery.error}` : ''}
      </span>
    );
  }
  return (
    <span className="text-slate-600" title={delivery.error ?? undefined} data-testid="delivery-pending">
      Sending…{delivery.attempts > 0 ? ` retrying (attempt ${delivery.attempts + 1})` : ''}
    </span>
  );
}

function RunLink({ run }: { run: { id: string; workflowName: string } | null }) {
  if (!run) return null;
  return (
    <Link href={`/runs/${run.id}`} className="font-medium text-brand-600 hover:underline" data-testid="run-link">
      View run
    </Link>
  );
}

/** Messages (customer left, agents right), internal notes in amber, events as quiet centred lines. */
export function Timeline({ items, onLoadEarlier }: { items: TimelineItem[]; onLoadEarlier: (() => Promise<void>) | null }) {
  const end = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(false);
  // Follow the newest item, not the count: loading earlier pages must not jump to the bottom.
  const lastId = items.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);
  return (
    <div className="flex-1 space-y-4 overflow-y-auto px-6 py-6" data-testid="timeline">
      {onLoadEarlier ? (
        <div className="flex justify-center">
          <button
            type="button"
            className="rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 disabled:opacity-50"
            disabled={loading}
            data-testid="load-earlier"
            onClick={() => {
              setLoading(true);
              void onLoadEarlier().finally(() => setLoading(false));
            }}
          >
            {loading ? 'Loading…' : 'Load earlier messages'}
          </button>
        </div>
      ) : null}
      {items.map((item) => {
        if (item.kind === 'event') {
          return (
            <div key={item.id} className="flex flex-col items-center text-center" data-testid={`event-${item.type}`}>
              <p className="inline-flex max-w-xl flex-wrap items-center justify-center gap-x-1.5 rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-600">
                <span>{item.text}</span>
                <span className="text-slate-600">·</span>
                <span className="text-slate-600">
                  <ClockTime iso={item.at} />
                </span>
                {item.run ? (
                  <>
                    <span className="text-slate-600">·</span>
                    <RunLink run={item.run} />
                  </>
                ) : null}
              </p>
              {item.detail ? <p className="mt-1 max-w-lg text-[11px] text-slate-600">{item.detail}</p> : null}
            </div>
          );
        }
        if (item.kind === 'comment') {
          return (
            <div key={item.id} className="flex justify-end" data-testid="comment">
              <div className="max-w-[75%]">
                <div
                  className={`rounded-lg border px-3.5 py-2.5 text-sm whitespace-pre-wrap text-amber-950 ${
                    item.mentionsViewer ? 'border-amber-300 bg-amber-100' : 'border-amber-200 bg-amber-50'
                  }`}
                >
                  {item.body}
                </div>
                <p className="mt-1 flex items-center justify-end gap-1.5 text-[11px] text-slate-600">
                  <span className="font-medium text-amber-700">Internal note</span>
                  <span>· {item.authorName} ·</span>
                  <ClockTime iso={item.at} />
                  {item.run ? (
                    <>
                      <span>·</span>
                      <RunLink run={item.run} />
                    </>
                  ) : null}
                </p>
              </div>
            </div>
          );
        }
        const incoming = item.direction === 'incoming';
        return (
          <div key={item.id} className={`flex items-end gap-2 ${incoming ? '' : 'justify-end'}`} data-testid={incoming ? 'message-incoming' : 'message-outgoing'}>
            {incoming ? <Avatar name={item.authorName ?? '?'} size="sm" /> : null}
            <div className="max-w-[75%]">
              <div
                className={`rounded-2xl px-3.5 py-2 text-sm whitespace-pre-wrap shadow-sm ${
                  incoming
                    ? 'rounded-bl-sm bg-white text-slate-900 ring-1 ring-slate-200'
                    : item.automated
                      ? 'rounded-br-sm bg-brand-50 text-brand-900 ring-1 ring-brand-200'
                      : 'rounded-br-sm bg-brand-600 text-white'
                }`}
              >
                {item.text}
              </div>
              <p className={`mt-1 flex gap-1.5 text-[11px] text-slate-600 ${incoming ? '' : 'justify-end'}`}>
                {item.automated ? (
                  // Not an agent's reply: it sets no first response time and never counts as "replied".
                  <span data-testid="message-automated" className="rounded bg-slate-100 px-1 font-medium text-slate-600">
                    Automated
                  </span>
                ) : null}
                <span data-testid="message-author">
                  {item.authorName ?? 'Someone'}
                  {item.viaApi ? ' (via API)' : null}
                </span>
                <span>·</span>
                <ClockTime iso={item.at} />
                {item.delivery ? (
                  <>
                    <span>·</span>
                    <DeliveryState delivery={item.delivery} />
                  </>
                ) : null}
              </p>
            </div>
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}

'use client';

import { forwardRef, useId, useImperativeHandle, useRef, useState } from 'react';
import { renderCannedReply, type CannedReplyValues } from '@baton/engine';
import type { CannedReplyOption, MemberOption } from './inbox-types';
import { cannedReplyQuery, matchingCannedReplies } from './canned-reply-suggestions';

export type ComposerMode = 'reply' | 'comment';
export type ComposerHandle = { focus: (mode: ComposerMode) => void };

type Props = {
  disabled: string | null;
  members: MemberOption[];
  /** Offered when `/` is typed; inserted with the variables filled from `variableValues`. */
  cannedReplies: CannedReplyOption[];
  variableValues: CannedReplyValues;
  onReply: (text: string) => Promise<string | null>;
  onComment: (body: string, mentionUserIds: string[]) => Promise<string | null>;
};

/** The @word being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,30})$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() } : null;
}

type Suggest = { kind: 'mention' | 'canned'; start: number; query: string };

/**
 * Reply to the customer, or write an internal note with @mention autocomplete; `/` opens the
 * canned replies in either. ⌘/Ctrl+Enter sends. The list is a listbox the textarea points at
 * (aria-activedescendant), so arrows, Enter/Tab and Escape work without leaving the text.
 */
export const Composer = forwardRef<ComposerHandle, Props>(function Composer({ disabled, members, cannedReplies, variableValues, onReply, onComment }, ref) {
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<MemberOption[]>([]);
  const [suggest, setSuggest] = useState<Suggest | null>(null);
  const listId = useId();
  const [highlight, setHighlight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      setTimeout(() => area.current?.focus(), 0);
    },
  }));

  const people = suggest?.kind === 'mention' && mode === 'comment' ? members.filter((m) => m.name.toLowerCase().includes(suggest.query)).slice(0, 6) : [];
  const snippets = suggest?.kind === 'canned' ? matchingCannedReplies(cannedReplies, suggest.query) : [];
  const options = people.length
    ? people.map((m) => ({ id: m.userId, pick: () => pickMember(m), label: m.name, member: m, shortcut: null as string | null }))
    : snippets.map((r) => ({ id: r.id, pick: () => pickReply(r), label: r.name, member: null, shortcut: r.shortcut }));
  const optionId = (i: number) => `${listId}-option-${i}`;

  function suggestAt(value: string, caret: number): Suggest | null {
    const canned = cannedReplies.length ? cannedReplyQuery(value, caret) : null;
    if (canned) return { kind: 'canned', ...canned };
    const mention = mentionQuery(value, caret);
    return mention ? { kind: 'mention', ...mention } : null;
  }

  function pickReply(reply: CannedReplyOption) {
    if (!suggest || !area.current) return;
    const caret = area.current.selectionStart;
    const inserted = renderCannedReply(reply.body, variableValues);
    setText(`${text.slice(0, suggest.start)}${inserted}${text.slice(caret)}`);
    setSuggest(null);
    const pos = suggest.start + inserted.length;
    setTimeout(() => area.current?.setSelectionRange(pos, pos), 0);
  }

  function pickMember(member: MemberOption) {
    if (!suggest || !area.current) return;
    const caret = area.current.selectionStart;
    const next = `${text.slice(0, suggest.start)}@${member.name} ${text.slice(caret)}`;
    setText(next);
    setMentions((list) => (list.some((m) => m.userId === member.userId) ? list : [...list, member]));
    setSuggest(null);
    const pos = suggest.start + member.name.length + 2;
    setTimeout(() => area.current?.setSelectionRange(pos, pos), 0);
  }

  async function send() {
    const body = text.trim();
    if (!body || pending || disabled) return;
    setPending(true);
    setError(null);
    // Only mentions whose @Name is still in the text count.
    const mentionIds = mentions.filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId);
    const failure = mode === 'reply' ? await onReply(body) : await onComment(body, mentionIds);
    setPending(false);
    if (failure) return setError(failure);
    setText('');
    setMentions([]);
  }

  const note = mode === 'comment';
  return (
    <div className={`border-t px-4 pt-2 pb-3 ${note ? 'border-amber-200 bg-amber-50/60' : 'border-slate-200 bg-white'}`}>
      <div className="mb-2 flex gap-1" role="tablist" aria-label="Composer mode">
        {(['reply', 'comment'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              area.current?.focus();
            }}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${
              mode === m ? (m === 'comment' ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-900') : 'text-slate-500 hover:text-slate-800'
            }`}
          >
            {m === 'reply' ? 'Reply' : 'Internal note'}
            <kbd className="ml-1.5 font-sans text-[10px] text-slate-500">{m === 'reply' ? 'R' : 'C'}</kbd>
          </button>
        ))}
      </div>
      <div className="relative">
        <textarea
          ref={area}
          value={text}
          disabled={Boolean(disabled)}
          aria-label={note ? 'Internal note' : 'Reply'}
          aria-autocomplete={cannedReplies.length || note ? 'list' : undefined}
          aria-controls={options.length > 0 ? listId : undefined}
          aria-activedescendant={options.length > 0 ? optionId(Math.min(highlight, options.length - 1)) : undefined}
          placeholder={
            disabled ??
            (note
              ? `Only your team sees this. Type @ to mention someone…${cannedReplies.length ? ' or / for a canned reply' : ''}`
              : `Write a reply to the customer…${cannedReplies.length ? ' (type / for a canned reply)' : ''}`)
          }
          rows={3}
          onChange={(e) => {
            setText(e.target.value);
            setSuggest(suggestAt(e.target.value, e.target.selectionStart));
            setHighlight(0);
          }}
          onKeyDown={(e) => {
            if (options.length > 0) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                setHighlight((h) => (h + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
                return;
              }
              if ((e.key === 'Enter' && !e.metaKey && !e.ctrlKey) || e.key === 'Tab') {
                e.preventDefault();
                (options[highlight] ?? options[0]!).pick();
                return;
              }
            }
            if (e.key === 'Escape') {
              if (suggest) setSuggest(null);
              else e.currentTarget.blur();
              return;
            }
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void send();
            }
          }}
          className={`block w-full resize-none rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:outline-none disabled:bg-slate-50 ${
            note ? 'bg-white ring-amber-200 focus:ring-amber-400' : 'bg-white ring-slate-200 focus:ring-brand-600'
          }`}
        />
        {options.length > 0 ? (
          <ul
            id={listId}
            role="listbox"
            aria-label={people.length ? 'Mention someone' : 'Canned replies'}
            data-testid={people.length ? 'mention-list' : 'canned-reply-options'}
            className={`absolute bottom-full left-2 z-10 mb-1 overflow-hidden rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200 ${people.length ? 'w-56' : 'w-80'}`}
          >
            {options.map((o, i) => (
              <li
                key={o.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === highlight}
                onMouseDown={(e) => {
                  e.preventDefault();
                  o.pick();
                }}
                className={`flex cursor-pointer items-center justify-between gap-2 px-3 py-1.5 text-sm ${i === highlight ? 'bg-brand-50 text-brand-700' : 'text-slate-700'}`}
              >
                <span className="truncate">{o.label}</span>
                {o.member ? (
                  <span className={`size-1.5 rounded-full ${o.member.availability === 'online' ? 'bg-emerald-500' : o.member.availability === 'away' ? 'bg-amber-400' : 'bg-slate-300'}`} />
                ) : (
                  <code className="shrink-0 text-xs text-slate-600">/{o.shortcut}</code>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="mt-2 flex items-center justify-between gap-3">
        <p className="text-[11px] text-slate-500">{error ? <span className="text-red-600">{error}</span> : '⌘/Ctrl + Enter to send'}</p>
        <button
          type="button"
          onClick={() => void send()}
          disabled={!text.trim() || pending || Boolean(disabled)}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white shadow-sm disabled:opacity-50 ${
            note ? 'bg-amber-600 hover:bg-amber-700' : 'bg-brand-600 hover:bg-brand-700'
          }`}
        >
          {pending ? 'Sending…' : note ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </div>
  );
});

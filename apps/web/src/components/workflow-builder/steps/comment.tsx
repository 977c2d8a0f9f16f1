'use client';

import { useRef } from 'react';
import { commentVariables } from '@baton/engine';
import { FieldError, TextArea } from '../forms/form-controls';
import { errorUnder } from '../forms/field-errors';
import { isRecord, type StepFormProps } from '../forms/form-props';
import { svg, type StepView } from './step-view';

const variableLabels: Record<string, string> = {
  'contact.name': 'Contact name',
  'assignee.name': 'Assignee',
  'previous_assignee.name': 'Previous assignee',
  'workflow.name': 'Workflow name',
  'team.name': 'Team',
};

export function CommentForm({ config, onChange, errors, catalog }: StepFormProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const text = typeof config.text === 'string' ? config.text : '';
  const mentions = (Array.isArray(config.mentions) ? config.mentions : []).filter(isRecord);
  const mentionKey = (m: Record<string, unknown>) => (m.type === 'user' ? `user:${String(m.userId)}` : 'current_assignee');
  const used = new Set(mentions.map(mentionKey));

  function insert(variable: string) {
    const token = `{{${variable}}}`;
    const el = ref.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    onChange({ ...config, text: text.slice(0, start) + token + text.slice(end) }, 'text:insert');
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div className="space-y-4">
      <div>
        <TextArea
          ref={ref}
          label="Internal note"
          testId="field-comment-text"
          value={text}
          maxLength={5000}
          error={errorUnder(errors, 'config.text')}
          onChange={(e) => onChange({ ...config, text: e.target.value }, 'text')}
        />
        <div className="mt-1.5 flex flex-wrap gap-1">
          {commentVariables.map((v) => (
            <button
              key={v}
              type="button"
              data-testid={`comment-var-${v}`}
              onClick={() => insert(v)}
              className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-[11px] text-slate-700 hover:bg-brand-50 hover:text-brand-700"
              title={`Insert {{${v}}}`}
            >
              + {variableLabels[v] ?? v}
            </button>
          ))}
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-700">Mention</p>
        <div className="flex flex-wrap gap-1.5" data-testid="comment-mentions">
          {mentions.map((m, i) => (
            <span key={mentionKey(m)} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2 text-xs text-brand-700 ring-1 ring-brand-100">
              @{m.type === 'user' ? (catalog.users.find((u) => u.id === m.userId)?.name ?? String(m.userId)) : 'Current assignee'}
              <button type="button" aria-label="Remove mention" onClick={() => onChange({ ...config, mentions: mentions.filter((_, j) => j !== i) }, 'mentions')} className="rounded-full px-1 hover:bg-brand-100">
                ✕
              </button>
            </span>
          ))}
          <select
            data-testid="field-comment-mention-add"
            aria-label="Add a mention"
            value=""
            onChange={(e) => {
              const v = e.target.value;
              if (!v) return;
              const m = v === 'current_assignee' ? { type: 'current_assignee' } : { type: 'user', userId: v.slice(5) };
              onChange({ ...config, mentions: [...mentions, m] }, 'mentions');
            }}
            className="rounded-full border-0 bg-white py-0.5 pr-7 pl-2 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset"
          >
            <option value="">+ Add mention…</option>
            <option value="current_assignee" disabled={used.has('current_assignee')}>
              Current assignee
            </option>
            {catalog.users.map((u) => (
              <option key={u.id} value={`user:${u.id}`} disabled={used.has(`user:${u.id}`)}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <FieldError error={errorUnder(errors, 'config.mentions')} />
      </div>
    </div>
  );
}

export const commentView: StepView = {
  paletteLabel: 'Add comment',
  accent: 'bg-emerald-100 text-emerald-700',
  icon: svg(<path d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z" />),
  Form: CommentForm,
};

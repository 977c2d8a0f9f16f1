'use client';

import { useRef } from 'react';
import { commentVariables } from '@baton/engine';
import { TextArea } from './form-controls';

const variableLabels: Record<string, string> = {
  'contact.name': 'Contact name',
  'assignee.name': 'Assignee',
  'previous_assignee.name': 'Previous assignee',
  'workflow.name': 'Workflow name',
  'team.name': 'Team',
};

/** A text template with chips that insert the known {{variables}} at the cursor. */
export function TemplateTextField(props: {
  label: string;
  testId: string;
  value: string;
  error: string | undefined;
  maxLength: number;
  onChange: (text: string, reason: string) => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const { value } = props;

  function insert(variable: string) {
    const token = `{{${variable}}}`;
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    props.onChange(value.slice(0, start) + token + value.slice(end), 'text:insert');
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div>
      <TextArea
        ref={ref}
        label={props.label}
        testId={props.testId}
        value={value}
        maxLength={props.maxLength}
        error={props.error}
        onChange={(e) => props.onChange(e.target.value, 'text')}
      />
      <div className="mt-1.5 flex flex-wrap gap-1">
        {commentVariables.map((v) => (
          <button
            key={v}
            type="button"
            data-testid={`${props.testId}-var-${v}`}
            onClick={() => insert(v)}
            className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-[11px] text-slate-700 hover:bg-brand-50 hover:text-brand-700"
            title={`Insert {{${v}}}`}
          >
            + {variableLabels[v] ?? v}
          </button>
        ))}
      </div>
    </div>
  );
}

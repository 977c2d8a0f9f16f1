'use client';

import { errorUnder } from '../forms/field-errors';
import type { StepFormProps } from '../forms/form-props';
import { TemplateTextField } from '../forms/template-text-field';
import { svg, type StepView } from './step-view';

export function SendMessageForm({ config, onChange, errors }: StepFormProps) {
  return (
    <div className="space-y-2">
      <TemplateTextField
        label="Message to the customer"
        testId="field-send-message-text"
        value={typeof config.text === 'string' ? config.text : ''}
        maxLength={5000}
        error={errorUnder(errors, 'config.text')}
        onChange={(text, reason) => onChange({ ...config, text }, reason)}
      />
      <p className="text-xs text-slate-500">
        Sent on the conversation’s channel and marked as automated: it is not an agent reply (no first response time;
        “agent replies only” conditions ignore it).
      </p>
    </div>
  );
}

export const sendMessageView: StepView = {
  paletteLabel: 'Send message',
  accent: 'bg-sky-100 text-sky-700',
  icon: svg(<path d="M3 10 17 3l-4 14-3-6-7-1Zm7 1 7-8" />),
  Form: SendMessageForm,
};

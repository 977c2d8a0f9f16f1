'use client';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionResult } from '@/server/auth/action-result';

/**
 * One number setting that may be empty (unlimited, no override, never): a field, Save, and
 * "Saved" — the capacity default, a team's and a member's override, the queue alert. Errors
 * show on the field (the action's field error for `name`, else its message).
 */
export function NumberOrUnlimitedField({
  action,
  name,
  label,
  value,
  placeholder,
  hint,
  hidden = {},
  testId,
  compact = false,
  width = 'w-48',
}: {
  action: (formData: FormData) => Promise<ActionResult>;
  name: string;
  label: string;
  value: number | null;
  /** What empty means: "Unlimited", "Default", "Never". */
  placeholder: string;
  hint?: string;
  /** Ids the action needs besides the value (e.g. teamId). */
  hidden?: Record<string, string>;
  testId: string;
  /** A table cell: label visually hidden, small secondary button. */
  compact?: boolean;
  width?: string;
}) {
  const form = useActionForm(action);
  return (
    <form onSubmit={form.onSubmit} noValidate className="flex items-start gap-2" data-testid={testId}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField
        label={label}
        hideLabel={compact}
        name={name}
        inputMode="numeric"
        defaultValue={value ?? ''}
        placeholder={placeholder}
        hint={hint}
        error={form.fieldErrors[name] ?? (form.error && !form.fieldErrors[name] ? form.error : undefined)}
        className={width}
      />
      <Button type="submit" size="sm" variant={compact ? 'secondary' : 'primary'} pending={form.pending} className={compact ? '' : 'mt-8'}>
        Save
      </Button>
      {form.result?.ok ? (
        <span className={`${compact ? 'mt-1.5' : 'mt-9'} text-xs text-emerald-700`} role="status">
          Saved
        </span>
      ) : null}
    </form>
  );
}

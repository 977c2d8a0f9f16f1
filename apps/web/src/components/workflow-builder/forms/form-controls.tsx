'use client';

import { useId, type ReactNode, type Ref, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export const inputClass =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-500';
const ring = (error?: string) => (error ? 'ring-red-300 focus:ring-red-500' : 'ring-slate-300 focus:ring-brand-600');

export function FieldError({ error, testId }: { error?: string; testId?: string }) {
  if (!error) return null;
  return (
    <p className="mt-1 text-xs text-red-600" data-testid={testId}>
      {error}
    </p>
  );
}

export function Field({ label, error, hint, children, id }: { label: string; error?: string; hint?: string; children: ReactNode; id?: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError error={error} />
    </div>
  );
}

export function Select({
  label,
  error,
  options,
  testId,
  hint,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; hint?: string; testId: string; options: { value: string; label: string; disabled?: boolean }[] }) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <select id={id} data-testid={testId} aria-invalid={error ? true : undefined} className={`${inputClass} ${ring(error)} pr-8`} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function TextInput({ label, error, testId, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string; testId: string }) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <input id={id} data-testid={testId} aria-invalid={error ? true : undefined} className={`${inputClass} ${ring(error)}`} {...props} />
    </Field>
  );
}

export function TextArea({ label, error, testId, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; testId: string; ref?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  return (
    <Field label={label} error={error} id={id}>
      <textarea id={id} data-testid={testId} aria-invalid={error ? true : undefined} className={`${inputClass} ${ring(error)} min-h-24 resize-y`} {...props} />
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, testId, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId: string; hint?: string }) {
  return (
    <label className="flex cursor-pointer items-start gap-2 text-sm text-slate-700">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600" />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Amount + unit; the amount may be temporarily empty while typing (validation says so). */
export function DurationInput({
  value,
  onChange,
  error,
  testId,
  label = 'Duration',
}: {
  value: { amount?: unknown; unit?: unknown } | undefined;
  onChange: (v: { amount: number | null; unit: string }) => void;
  error?: string;
  testId: string;
  label?: string;
}) {
  const id = useId();
  const amount = typeof value?.amount === 'number' ? value.amount : '';
  const unit = typeof value?.unit === 'string' ? value.unit : 'minutes';
  return (
    <Field label={label} error={error} id={id}>
      <div className="flex gap-2">
        <input
          id={id}
          type="number"
          min={1}
          step="any"
          data-testid={`${testId}-amount`}
          value={amount}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange({ amount: e.target.value === '' ? null : Number(e.target.value), unit })}
          className={`${inputClass} ${ring(error)} !w-28 shrink-0`}
        />
        <select
          data-testid={`${testId}-unit`}
          aria-label={`${label} unit`}
          value={unit}
          onChange={(e) => onChange({ amount: typeof amount === 'number' ? amount : null, unit: e.target.value })}
          className={`${inputClass} ${ring(error)} min-w-0 flex-1`}
        >
          {['seconds', 'minutes', 'hours', 'days'].map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
    </Field>
  );
}

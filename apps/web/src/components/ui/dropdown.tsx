'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const itemsOf = (menu: HTMLElement | null) => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];

/**
 * A button that opens a menu panel. Keyboard as in the WAI-ARIA menu button pattern: opening
 * focuses the first item, arrows/Home/End move between items, Escape closes and puts focus
 * back on the button, Tab closes. Outside clicks close it too.
 */
export function Dropdown({
  trigger,
  label,
  children,
  align = 'left',
  placement = 'below',
  className = '',
  triggerClassName = 'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100',
  testId,
  menuTestId,
  triggerProps,
}: {
  trigger: ReactNode;
  /** Read before the visible trigger text (the accessible name must contain the visible text). */
  label: string;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  placement?: 'below' | 'above';
  className?: string;
  triggerClassName?: string;
  testId?: string;
  menuTestId?: string;
  /** Extra attributes for the trigger (data-* for tests). */
  triggerProps?: Record<`data-${string}`, string | number>;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    itemsOf(menu.current)[0]?.focus();
    const onClick = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onClick);
    return () => document.removeEventListener('mousedown', onClick);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const items = itemsOf(menu.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => {
      e.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div ref={ref} className={`relative ${className}`}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        {...triggerProps}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className={triggerClassName}
      >
        <span className="sr-only">{label} </span>
        {trigger}
      </button>
      {open ? (
        <div
          ref={menu}
          id={id}
          role="menu"
          aria-label={label}
          data-testid={menuTestId}
          onKeyDown={onMenuKey}
          className={`absolute z-40 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg ${
            align === 'right' ? 'right-0' : 'left-0'
          } ${placement === 'above' ? 'bottom-full mb-1' : 'top-full mt-1'}`}
        >
          {children(() => close(true))}
        </div>
      ) : null}
    </div>
  );
}

export function MenuItem({
  children,
  onSelect,
  disabled,
  testId,
  className = '',
}: {
  children: ReactNode;
  onSelect: () => void;
  disabled?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      disabled={disabled}
      onClick={onSelect}
      data-testid={testId}
      className={`flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 disabled:opacity-50 ${className}`}
    >
      {children}
    </button>
  );
}

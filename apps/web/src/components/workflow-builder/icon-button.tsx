import type { ButtonHTMLAttributes, ReactNode } from 'react';

export function IconButton({ label, children, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      {...props}
      className="inline-flex h-8 items-center justify-center gap-1 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:pointer-events-none disabled:opacity-40"
    >
      {children}
    </button>
  );
}

export const icons = {
  undo: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <path d="M7 5 3 9l4 4M3 9h9a5 5 0 0 1 0 10h-2" />
    </svg>
  ),
  redo: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <path d="m13 5 4 4-4 4m4-4H8a5 5 0 0 0 0 10h2" />
    </svg>
  ),
  layout: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <rect x="7" y="2" width="6" height="4" rx="1" />
      <rect x="2" y="14" width="6" height="4" rx="1" />
      <rect x="12" y="14" width="6" height="4" rx="1" />
      <path d="M10 6v4M5 14v-4h10v4" />
    </svg>
  ),
  more: (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <circle cx="4.5" cy="10" r="1.5" />
      <circle cx="10" cy="10" r="1.5" />
      <circle cx="15.5" cy="10" r="1.5" />
    </svg>
  ),
  download: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <path d="M10 3v10m-4-4 4 4 4-4M4 16h12" />
    </svg>
  ),
  upload: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <path d="M10 14V4M6 8l4-4 4 4M4 16h12" />
    </svg>
  ),
  history: (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
      <path d="M3 10a7 7 0 1 0 2-5M3 3v3h3M10 6v4l3 2" />
    </svg>
  ),
};

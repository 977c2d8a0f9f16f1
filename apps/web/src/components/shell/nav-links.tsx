'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const icon = (d: string): ReactNode => (
  <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-4.5 shrink-0">
    <path strokeLinecap="round" strokeLinejoin="round" d={d} />
  </svg>
);

export const NAV_ITEMS = [
  { href: '/inbox', label: 'Inbox', icon: icon('M3 10.5 5.5 4h9L17 10.5M3 10.5V15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-4.5M3 10.5h4l1 2h4l1-2h4') },
  { href: '/workflows', label: 'Workflows', icon: icon('M5 4.5h3v3H5zM12 12.5h3v3h-3zM6.5 7.5v3a2 2 0 0 0 2 2H12') },
  { href: '/runs', label: 'Runs', icon: icon('M4 5h12M4 10h12M4 15h7') },
  { href: '/team', label: 'Team', icon: icon('M7 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM2.5 16a4.5 4.5 0 0 1 9 0M13.5 9a2 2 0 1 0 0-4M14.5 12a4 4 0 0 1 3 4') },
  { href: '/settings', label: 'Settings', icon: icon('M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM10 2.5v2M10 15.5v2M17.5 10h-2M4.5 10h-2M15.3 4.7l-1.4 1.4M6.1 13.9l-1.4 1.4M15.3 15.3l-1.4-1.4M6.1 6.1 4.7 4.7') },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-0.5">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium ${
              active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
            }`}
          >
            {item.icon}
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

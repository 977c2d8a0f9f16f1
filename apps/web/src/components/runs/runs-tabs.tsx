'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/runs', label: 'Runs' },
  { href: '/runs/timers', label: 'Pending timers' },
  { href: '/runs/queue', label: 'Queues' },
  { href: '/runs/analytics', label: 'Step analytics' },
  { href: '/runs/metrics', label: 'Metrics' },
] as const;

export function RunsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Runs sections" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const active = tab.href === '/runs' ? pathname === '/runs' || /^\/runs\/[0-9a-f-]{36}$/.test(pathname) : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

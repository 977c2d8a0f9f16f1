'use client';

import { signOut } from 'next-auth/react';
import { Dropdown, MenuItem } from '@/components/ui/dropdown';
import { AvailabilityDot } from '@/components/ui/availability-dot';
import { signOutEverywhereAction } from '@/app/(app)/session-actions';

/** Every other browser's session ends on its next request; then this one's. */
async function signOutEverywhere() {
  await signOutEverywhereAction();
  await signOut({ callbackUrl: '/sign-in' });
}

export function UserMenu({
  name,
  email,
  availability,
}: {
  name: string;
  email: string;
  availability: 'online' | 'away' | 'offline';
}) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
  return (
    <Dropdown
      label={`Account menu for ${name}`}
      placement="above"
      trigger={
        <>
          <span className="relative">
            <span aria-hidden className="grid size-8 place-items-center rounded-full bg-brand-100 text-[11px] font-semibold text-brand-700">
              {initials || '?'}
            </span>
            <span className="absolute -right-0.5 -bottom-0.5 rounded-full ring-2 ring-white">
              <AvailabilityDot availability={availability} labelled />
            </span>
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-slate-900">{name}</span>
            <span className="block truncate text-xs text-slate-500">{email}</span>
          </span>
        </>
      }
    >
      {() => (
        <>
          <MenuItem onSelect={() => signOut({ callbackUrl: '/sign-in' })}>
            <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-4">
              <path strokeLinecap="round" strokeLinejoin="round" d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M13 13l3-3-3-3M16 10H8" />
            </svg>
            Sign out
          </MenuItem>
          <MenuItem onSelect={() => void signOutEverywhere()}>
            <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-4">
              <path strokeLinecap="round" strokeLinejoin="round" d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M13 13l3-3-3-3M16 10H8M3 7v6" />
            </svg>
            Sign out everywhere
          </MenuItem>
        </>
      )}
    </Dropdown>
  );
}

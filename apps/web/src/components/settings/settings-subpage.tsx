import type { ReactNode } from 'react';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';

/** A page below Settings: the way back, its title and what it is for, then its content. */
export function SettingsSubpage({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-slate-500 hover:text-slate-800">
          ← Settings
        </Link>
      </p>
      <PageHeader title={title} description={description} />
      {children}
    </>
  );
}

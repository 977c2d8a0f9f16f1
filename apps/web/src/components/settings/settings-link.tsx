import Link from 'next/link';

/** One entry of the Settings page that opens a page of its own. */
export function SettingsLink({
  href,
  title,
  description,
  testId,
}: {
  href: string;
  title: string;
  description: string;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm hover:border-brand-200 hover:bg-brand-50/40"
    >
      <span>
        <span className="block text-base font-semibold text-slate-900">{title}</span>
        <span className="mt-0.5 block text-sm text-slate-500">{description}</span>
      </span>
      <span aria-hidden className="text-slate-500">
        →
      </span>
    </Link>
  );
}

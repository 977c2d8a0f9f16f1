import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMemberContext } from '@/server/auth';
import { SignOutLink } from '@/components/shell/sign-out-link';

export const metadata: Metadata = { title: 'No workspace · Baton' };

export default async function NoWorkspacePage() {
  const m = await getMemberContext();
  if (m === 'signed-out') redirect('/sign-in');
  if (m !== 'no-workspace') redirect('/inbox');
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">You&apos;re not in a workspace</h1>
      <p className="mt-2 text-sm text-slate-500">
        Your account isn&apos;t a member of any workspace right now. Ask an admin for an invitation link, or sign out and
        create a new workspace.
      </p>
      <div className="mt-6">
        <SignOutLink callbackUrl="/sign-up" />
      </div>
    </>
  );
}

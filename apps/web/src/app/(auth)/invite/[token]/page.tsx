import type { Metadata } from 'next';
import Link from 'next/link';
import { findInvitation } from '@baton/db';
import { getDb } from '@/server/db';
import { getSessionUser } from '@/server/auth';
import { Alert } from '@/components/ui/alert';
import { CreateAccountForm, AcceptAsSignedInButton } from './accept-invite-form';
import { SignOutLink } from '@/components/shell/sign-out-link';

export const metadata: Metadata = { title: 'Join a workspace · Baton' };

const roleLabel = { owner: 'an owner', admin: 'an admin', lead: 'a lead', agent: 'an agent' } as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(getDb(), token), getSessionUser()]);

  if (!invitation || invitation.status !== 'pending') {
    const message = !invitation
      ? 'This invitation link is not valid. Check that you copied all of it.'
      : invitation.status === 'expired'
        ? 'This invitation has expired. Ask an admin of the workspace for a new one.'
        : invitation.status === 'revoked'
          ? 'This invitation was revoked. Ask an admin of the workspace for a new one.'
          : 'This invitation has already been used.';
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Invitation unavailable</h1>
        <div className="mt-4">
          <Alert tone="warning">{message}</Alert>
        </div>
        <p className="mt-6 text-center text-sm">
          <Link href={user ? '/inbox' : '/sign-in'} className="font-medium text-brand-600 hover:text-brand-700">
            {user ? 'Go to your inbox' : 'Sign in'}
          </Link>
        </p>
      </>
    );
  }

  const intro = (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Join {invitation.workspaceName}</h1>
      <p className="mt-1 text-sm text-slate-500">
        {invitation.invitedByName ? `${invitation.invitedByName} invited ` : 'You were invited as '}
        {invitation.invitedByName ? <strong className="font-medium text-slate-700">{invitation.email}</strong> : null}
        {invitation.invitedByName ? ` to join as ${roleLabel[invitation.role]}.` : `${roleLabel[invitation.role]} (${invitation.email}).`}
      </p>
    </>
  );

  if (user) {
    const sameEmail = user.email.toLowerCase() === invitation.email.toLowerCase();
    return (
      <>
        {intro}
        <div className="mt-6 space-y-4">
          {sameEmail ? (
            <AcceptAsSignedInButton token={token} />
          ) : (
            <>
              <Alert tone="warning">
                You are signed in as {user.email}, but this invitation is for {invitation.email}. Sign out, then open the
                link again.
              </Alert>
              <SignOutLink callbackUrl={`/invite/${encodeURIComponent(token)}`} />
            </>
          )}
        </div>
      </>
    );
  }

  // Both ways in, whatever the email: the page must not tell a link holder whether the
  // invited address has an account. An existing account signs in (rate limited) and comes back.
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl: `/invite/${encodeURIComponent(token)}` })}`;
  return (
    <>
      {intro}
      <div className="mt-6 space-y-3">
        <h2 className="text-sm font-semibold text-slate-900">Already have a Baton account?</h2>
        <Link
          href={signInHref}
          className="flex w-full items-center justify-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          Sign in to accept
        </Link>
      </div>
      <div className="mt-8 space-y-3 border-t border-slate-200 pt-6">
        <h2 className="text-sm font-semibold text-slate-900">New to Baton? Create your account</h2>
        <CreateAccountForm token={token} email={invitation.email} />
      </div>
    </>
  );
}

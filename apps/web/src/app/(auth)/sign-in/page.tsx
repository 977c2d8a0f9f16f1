import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/server/auth';
import { safeCallbackUrl } from '../auth-schemas';
import { parseSignInRateLimited, signInRateLimitedMessage } from '@/server/rate-limit/sign-in-rate-limited';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in · Baton' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const waitSeconds = parseSignInRateLimited(params.error);
  const initialError = !params.error ? null : waitSeconds !== null ? signInRateLimitedMessage(waitSeconds) : 'Sign-in failed. Please try again.';
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in to Baton</h1>
      <p className="mt-1 text-sm text-slate-500">Welcome back. Enter your work email and password.</p>
      <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
      <p className="mt-6 text-center text-sm text-slate-500">
        New to Baton?{' '}
        <Link href="/sign-up" className="font-medium text-brand-600 hover:text-brand-700">
          Create a workspace
        </Link>
      </p>
    </>
  );
}

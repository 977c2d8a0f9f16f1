import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/server/auth';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create your workspace · Baton' };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect('/inbox');
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Create your workspace</h1>
      <p className="mt-1 text-sm text-slate-500">Start routing conversations in a couple of minutes.</p>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-slate-500">
        Already have an account?{' '}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </>
  );
}

'use client';

import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button';

export function SignOutLink({ callbackUrl = '/sign-in' }: { callbackUrl?: string }) {
  return (
    <Button type="button" variant="secondary" className="w-full" onClick={() => signOut({ callbackUrl })}>
      Sign out
    </Button>
  );
}

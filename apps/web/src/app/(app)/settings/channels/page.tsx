import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { channelsSigningWithInboundSecret, listChannels } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { ChannelsManager } from './channels-manager';

export const metadata: Metadata = { title: 'Channels · Baton' };

export default async function ChannelsPage() {
  const { member, allowed } = await getMemberAccess('channels.manage');
  if (!allowed) return <NoAccess what="channel settings" />;
  const [channels, sharing] = await Promise.all([listChannels(member.tenant), channelsSigningWithInboundSecret(member.tenant)]);
  const h = await headers();
  const origin = process.env.BATON_URL ?? `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-slate-500 hover:text-slate-800">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Channels"
        description="Custom channels connect any messaging source: it posts customer messages to Baton, and Baton posts agents' replies back to it."
      />
      <ChannelsManager
        origin={origin}
        channels={channels.map((c) => ({ id: c.id, name: c.name, outboundUrl: c.outboundUrl, createdAt: c.createdAt.toISOString(), sharesInboundSecret: sharing.has(c.id) }))}
      />
    </>
  );
}

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { channelsSigningWithInboundSecret, listChannels } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { ChannelsManager } from './channels-manager';

export const metadata: Metadata = { title: 'Channels · Baton' };

export default async function ChannelsPage() {
  const { member, allowed } = await getMemberAccess('channels.manage');
  if (!allowed) return <NoAccess what="channel settings" />;
  const [channels, sharing] = await Promise.all([
    listChannels(member.tenant),
    channelsSigningWithInboundSecret(member.tenant),
  ]);
  const h = await headers();
  const origin =
    process.env.BATON_URL ??
    `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  return (
    <SettingsSubpage
      title="Channels"
      description="Custom channels connect any messaging source: it posts customer messages to Baton, and Baton posts agents' replies back to it."
    >
      <ChannelsManager
        origin={origin}
        channels={channels.map((c) => ({
          id: c.id,
          name: c.name,
          outboundUrl: c.outboundUrl,
          createdAt: c.createdAt.toISOString(),
          sharesInboundSecret: sharing.has(c.id),
        }))}
      />
    </SettingsSubpage>
  );
}

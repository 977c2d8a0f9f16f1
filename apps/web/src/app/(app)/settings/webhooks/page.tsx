import type { Metadata } from 'next';
import {
  listWebhookDeliveries,
  listWebhookSubscriptions,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
} from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { SettingsSubpage } from '@/components/settings/settings-subpage';
import { NoAccess } from '@/components/shell/no-access';
import { WebhooksManager } from './webhooks-manager';

export const metadata: Metadata = { title: 'Event webhooks · Baton' };

export default async function WebhooksPage() {
  const { member, allowed } = await getMemberAccess('webhooks.manage');
  if (!allowed) return <NoAccess what="event webhooks" />;
  const subscriptions = await listWebhookSubscriptions(member.tenant);
  const logs = await Promise.all(
    subscriptions.map((s) => listWebhookDeliveries(member.tenant, s.id, 20)),
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <SettingsSubpage
      title="Event webhooks"
      description="Tell other systems what happens in Baton: each subscription receives the events it lists as signed JSON, retried with backoff."
    >
      <WebhooksManager
        eventTypes={WEBHOOK_EVENT_TYPES.map((type) => ({
          type,
          label: WEBHOOK_EVENT_LABELS[type],
        }))}
        subscriptions={subscriptions.map((s, i) => ({
          id: s.id,
          name: s.name,
          url: s.url,
          events: s.events,
          active: s.active,
          deliveries: logs[i]!.map((d) => ({
            id: d.id,
            eventType: d.eventType,
            eventId: d.eventId,
            status: d.status,
            attempts: d.attempts,
            lastStatusCode: d.lastStatusCode,
            lastError: d.lastError,
            nextAttemptAt: iso(d.nextAttemptAt),
            deliveredAt: iso(d.deliveredAt),
            createdAt: d.createdAt.toISOString(),
          })),
        }))}
      />
    </SettingsSubpage>
  );
}

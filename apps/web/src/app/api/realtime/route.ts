import { can, loadInboxViewer } from '@baton/db';
import { authorizeRoute } from '@/server/auth';
import { realtimeHub } from '@/server/realtime/realtime-hub';
import { notificationHub } from '@/server/notifications/notification-hub';
import { viewerMayHear } from '@/server/realtime/viewer-filter';
import { acquireStreamSlot, realtimeStreamSettings } from '@/server/realtime/stream-limits';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events for the signed-in member's workspace: ids of what changed, filtered
 * to what this viewer may see, and `notification` when one of their own arrives. The browser refetches through the normal, authorized reads.
 * At most `maxPerUser` streams per user (429 past it). The viewer's role and team ids are
 * read once and re-read on every heartbeat: a member removed from the workspace (or who lost
 * the right to see conversations) has the stream closed within one heartbeat.
 */
export async function GET(req: Request) {
  const auth = await authorizeRoute('conversations.viewOwn');
  if (!auth.ok) return auth.response;
  const { tenant, user } = auth.member;
  let viewer = await loadInboxViewer(tenant, user.id);
  if (!viewer) return Response.json({ error: { code: 'forbidden', message: "You don't have access to this" } }, { status: 403 });
  const slot = acquireStreamSlot(user.id);
  if (!slot) {
    return Response.json(
      { error: { code: 'rate_limited', message: `At most ${realtimeStreamSettings.maxPerUser} live updates streams per user; close another tab and retry` } },
      { status: 429, headers: { 'Retry-After': '10' } },
    );
  }
  const release: () => void = slot;
  const encoder = new TextEncoder();
  let cleanup = release;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const { ready, unsubscribe } = realtimeHub().subscribe(tenant.workspaceId, (event) => {
        const current = viewer;
        if (!current) return;
        void viewerMayHear(tenant, current, event).then((ok) => ok && write(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
      });
      // The member's own notifications only (the hub is keyed by workspace and user).
      const notifications = notificationHub().subscribe(tenant.workspaceId, user.id, () => write(`event: notification\ndata: {}\n\n`));
      const heartbeat = setInterval(() => {
        void loadInboxViewer(tenant, user.id)
          .then((fresh) => {
            if (!fresh || !can(fresh.role, 'conversations.viewOwn')) return close();
            viewer = fresh;
            write(`: ping\n\n`);
          })
          // A database hiccup is not a reason to drop the stream: keep the last known viewer.
          .catch(() => write(`: ping\n\n`));
      }, realtimeStreamSettings.heartbeatMs);
      function close() {
        if (closed) return;
        closed = true;
        viewer = null;
        clearInterval(heartbeat);
        unsubscribe();
        notifications.unsubscribe();
        release();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
      cleanup = close;
      req.signal.addEventListener('abort', close);
      // The client reconnects after 3 s and refetches on "ready", which covers anything
      // missed meanwhile; "ready" waits for Redis to confirm the subscription.
      void Promise.all([ready, notifications.ready]).then(() => write(`retry: 3000\nevent: ready\ndata: {}\n\n`));
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}

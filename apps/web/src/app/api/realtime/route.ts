import { authorizeRoute } from '@/server/auth';
import { realtimeHub } from '@/server/realtime/realtime-hub';
import { viewerMayHear } from '@/server/realtime/viewer-filter';

export const dynamic = 'force-dynamic';

// Proxies and load balancers drop connections that are silent for a minute or so.
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for the signed-in member's workspace: ids of what changed, filtered
 * to what this viewer may see. The browser refetches through the normal, authorized reads.
 */
export async function GET(req: Request) {
  const auth = await authorizeRoute('conversations.viewOwn');
  if (!auth.ok) return auth.response;
  const { tenant, user, membership } = auth.member;
  const viewer = { userId: user.id, role: membership.role };
  const encoder = new TextEncoder();
  let cleanup = () => {};

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
        void viewerMayHear(tenant, viewer, event).then((ok) => ok && write(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
      });
      const heartbeat = setInterval(() => write(`: ping\n\n`), HEARTBEAT_MS);
      function close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
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
      void ready.then(() => write(`retry: 3000\nevent: ready\ndata: {}\n\n`));
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

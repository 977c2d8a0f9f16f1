import { z } from 'zod';

// Ids only, like the job payloads: names and message text never pass through Redis. A
// client that hears about a change refetches what it shows, through its own authorization.
export const realtimeEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('conversation.changed'),
    conversationId: z.uuid(),
    /** What happened, so clients can decide what to refetch; never the content. */
    change: z.enum(['message', 'comment', 'assignment', 'status', 'delivery', 'opened', 'sla']),
  }),
  z.object({ type: z.literal('member.availability'), userId: z.uuid() }),
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

/** One pub/sub channel per workspace; every web process subscribes to the ones its viewers need. */
export function realtimeChannel(prefix: string, workspaceId: string): string {
  return `${prefix}:rt:${workspaceId}`;
}

export function parseRealtimeChannel(prefix: string, channel: string): string | null {
  const head = `${prefix}:rt:`;
  return channel.startsWith(head) ? channel.slice(head.length) : null;
}

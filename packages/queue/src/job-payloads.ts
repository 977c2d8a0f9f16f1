import { z } from 'zod';

// Ids only: no personal data (names, message text) ever sits in Redis.
export const eventJobSchema = z.object({ workspaceId: z.uuid(), eventId: z.uuid() });
export type EventJob = z.infer<typeof eventJobSchema>;

export const waitJobSchema = z.object({ workspaceId: z.uuid(), runId: z.uuid(), waitSeq: z.number().int().positive() });
export type WaitJob = z.infer<typeof waitJobSchema>;

export const deliveryJobSchema = z.object({ workspaceId: z.uuid(), messageId: z.uuid() });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

export const QUEUE_NAMES = { events: 'baton-events', waits: 'baton-waits', deliveries: 'baton-deliveries' } as const;

/** Job ids name what they are for, so a duplicate enqueue of the same thing is one job. */
export const eventJobId = (eventId: string) => `event-${eventId}`;
export const waitJobId = (runId: string, waitSeq: number) => `wait-${runId}-${waitSeq}`;
export const deliveryJobId = (messageId: string) => `delivery-${messageId}`;

import { z } from 'zod';

// Ids only: no personal data (names, message text) ever sits in Redis.
export const eventJobSchema = z.object({ workspaceId: z.uuid(), eventId: z.uuid() });
/**
 * The events one web batch committed, for one shard: one job instead of one per event
 * (each BullMQ job costs a few Lua calls to add, take and finish). Processing is idempotent
 * per event, so a retried batch redoes nothing that committed.
 */
export const eventBatchJobSchema = z.object({ events: z.array(eventJobSchema).min(1).max(1000) });
export const anyEventJobSchema = z.union([eventJobSchema, eventBatchJobSchema]);
export type EventJob = z.infer<typeof eventJobSchema> | z.infer<typeof eventBatchJobSchema>;

/** The events a job names, whichever its shape. */
export function eventsOfJob(data: unknown): Array<z.infer<typeof eventJobSchema>> {
  const job = anyEventJobSchema.parse(data);
  return 'events' in job ? job.events : [job];
}

// `http`: the run paused on an HTTP request step; the worker makes the call, then resumes it.
export const waitJobSchema = z.object({ workspaceId: z.uuid(), runId: z.uuid(), waitSeq: z.number().int().positive(), http: z.literal(true).optional() });
export type WaitJob = z.infer<typeof waitJobSchema>;

// An SLA clock's next timer: `seq` is the clock's timer generation (a retimed clock's old jobs are stale).
export const slaJobSchema = z.object({ workspaceId: z.uuid(), clockId: z.uuid(), seq: z.number().int().positive(), phase: z.enum(['warning', 'breach']) });
export type SlaJob = z.infer<typeof slaJobSchema>;

export const deliveryJobSchema = z.object({ workspaceId: z.uuid(), messageId: z.uuid() });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

export const QUEUE_NAMES = { events: 'baton-events', waits: 'baton-waits', deliveries: 'baton-deliveries', sla: 'baton-sla' } as const;

/** Job ids name what they are for, so a duplicate enqueue of the same thing is one job. */
export const eventJobId = (eventId: string) => `event-${eventId}`;
export const waitJobId = (runId: string, waitSeq: number) => `wait-${runId}-${waitSeq}`;
export const slaJobId = (clockId: string, seq: number, phase: 'warning' | 'breach') => `sla-${clockId}-${seq}-${phase}`;
export const deliveryJobId = (messageId: string) => `delivery-${messageId}`;

import type { Job } from 'bullmq';
import { describeDbError } from '@baton/db';

/**
 * BullMQ keeps a failed job's error message in Redis (failedReason) and we log it: a failed
 * query's message carries its parameters (message texts, emails), so what is thrown on is the
 * parameter-free description instead.
 */
export function withoutQueryParams<T>(processor: (job: Job) => Promise<T>): (job: Job) => Promise<T> {
  return async (job) => {
    try {
      return await processor(job);
    } catch (error) {
      const described = describeDbError(error);
      if (error instanceof Error && described.split('\n')[0] === error.stack?.split('\n')[0]) throw error;
      // eslint-disable-next-line preserve-caught-error -- the cause is what must not reach Redis or the logs
      throw new Error(described.split('\n')[0]);
    }
  };
}

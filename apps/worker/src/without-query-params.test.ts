import type { Job } from 'bullmq';
import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withoutQueryParams } from './without-query-params';

const job = {} as Job;

describe('withoutQueryParams', () => {
  it('a failed query is rethrown as its description: what BullMQ stores as failedReason names no parameter', async () => {
    const failing = withoutQueryParams(async () => {
      throw new DrizzleQueryError('insert into "messages" ("text") values ($1)', ['my card is 4242 4242'], new Error('boom'));
    });
    const thrown = await failing(job).catch((e: Error) => e);
    expect(thrown.message).toContain('insert into "messages"');
    expect(thrown.message).not.toContain('4242');
    expect(thrown.stack).not.toContain('4242');
  });

  it('any other error goes through untouched (BullMQ control errors included)', async () => {
    const original = new Error('delivery x: HTTP 503');
    const thrown = await withoutQueryParams(async () => {
      throw original;
    })(job).catch((e: unknown) => e);
    expect(thrown).toBe(original);
    expect(await withoutQueryParams(async () => 'done')(job)).toBe('done');
  });
});

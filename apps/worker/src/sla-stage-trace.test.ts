import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { WAIT_LEAD_MS } from '@baton/queue';
import { slaStageTraceFromEnv } from './sla-stage-trace';

describe('SLA stage trace (bench only)', () => {
  it('is off without BATON_SLA_TRACE_FILE', () => {
    expect(slaStageTraceFromEnv({})).toBeNull();
  });

  it("reads a timer's due time back from its job (scheduled WAIT_LEAD_MS early) and appends a line per batch", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sla-trace-')), 'trace.jsonl');
    const trace = slaStageTraceFromEnv({ BATON_SLA_TRACE_FILE: file })!;
    const delayed = { timestamp: 1_000, opts: { delay: 5_000 }, processedOn: 5_900 } as unknown as Job;
    const atOnce = { timestamp: 2_000, opts: {}, processedOn: 2_010 } as unknown as Job;
    const a = trace.item(delayed, 'c1', 'warning');
    const b = trace.item(atOnce, 'c2', 'breach');
    expect(a).toMatchObject({ clock: 'c1', phase: 'warning', due: 6_000 + WAIT_LEAD_MS, picked: 5_900 });
    expect(b.due).toBeNull();
    trace.batch({ items: [a, b], start: 1, claimed: 2, committed: 3 });
    trace.batch({ items: [], start: 4, claimed: 5, committed: 6 });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].items.map((i: { clock: string }) => i.clock)).toEqual(['c1', 'c2']);
    expect(lines[1]).toMatchObject({ start: 4, claimed: 5, committed: 6 });
  });
});

import { describe, expect, it } from 'vitest';
import { captureStatements } from '../../sql/capture-statements';
import {
  batchParts,
  partsOf,
  variantOf,
  writeBatchRows,
  type BatchPart,
  type BatchRows,
} from './batch-writes-statement.sql';

const W = '00000000-0000-4000-8000-000000000001';

/** Rows for `parts` (`n` of each; their contents do not matter to the statement's text). */
function rowsFor(parts: readonly BatchPart[], n = 1): BatchRows {
  return Object.fromEntries(
    batchParts.map((part) => [part, parts.includes(part) ? Array.from({ length: n }, (_, i) => ({ i })) : []]),
  ) as unknown as BatchRows;
}

const ctes = (text: string) => [...text.matchAll(/(\w+) as \((?:\s|--[^\n]*)*(?:update|insert)/g)].map((m) => m[1]);

describe('batch writer variants', () => {
  it('a variant names the parts with rows, never how many', () => {
    const seed: BatchPart[] = ['runs', 'steps', 'conversations', 'events', 'cursors'];
    expect(partsOf(variantOf(rowsFor(seed)))).toEqual(seed);
    expect(variantOf(rowsFor(seed, 10))).toBe(variantOf(rowsFor(seed)));
    expect(partsOf(variantOf(rowsFor(batchParts)))).toEqual(batchParts);
    expect(variantOf(rowsFor([]))).toBe(0);
  });

  it('sends only the CTEs of the parts with rows, in statement order; the same text for any row count', async () => {
    const send = (parts: readonly BatchPart[], n: number) =>
      captureStatements(async (tx) => writeBatchRows(tx, rowsFor(parts, n), [W]));
    const [one] = await send(['cursors', 'runs', 'events'], 1);
    const [ten] = await send(['cursors', 'runs', 'events'], 10);
    expect(ctes(one!.sql)).toEqual(['new_runs', 'events', 'cursors']);
    expect(ten!.sql).toBe(one!.sql);
    expect(ten!.params).not.toEqual(one!.params);
    // Closing a conversation cancels its other runs and writes its outbox row: both CTEs.
    const [closes] = await send(['closes', 'updates'], 1);
    expect(ctes(closes!.sql)).toEqual(['updated_runs', 'cancelled', 'closed_outbox']);
    expect(closes!.params).toContain(`{${W}}`);
    const [all] = await send(batchParts, 2);
    expect(ctes(all!.sql)).toEqual([
      'finished_waits', 'new_runs', 'updated_runs', 'steps', 'convs', 'events', 'notes', 'sent',
      'cursors', 'cancelled', 'closed_outbox', 'contact_rows', 'contact_outbox',
    ]);
  });

  it('a batch that wrote nothing sends no statement', async () => {
    expect(await captureStatements(async (tx) => writeBatchRows(tx, rowsFor([]), []))).toEqual([]);
  });
});

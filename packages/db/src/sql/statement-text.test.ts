import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchWrites } from '../runs/batch/batch-writes.sql';
import { claimBatchEvents } from '../runs/batch/claim-batch-events.sql';
import { storeInboundRound } from '../conversations/inbound/store-inbound-round.sql';
import { fireSlaTimers } from '../sla/fire-sla-timer.sql';
import { captureStatements, normalizeStatement, type RenderedStatement } from './capture-statements';

const W = '00000000-0000-4000-8000-000000000001';
const K = '00000000-0000-4000-8000-000000000002';

/** The hot statements, as sent: their text does not depend on the rows (one plan each). */
export async function hotStatements(): Promise<Record<string, RenderedStatement>> {
  const [batch] = await captureStatements((tx) => new BatchWrites().flush(tx), () => [{ inserted: [] }]);
  const [inbound] = await captureStatements((tx) => storeInboundRound(tx, [], false), () => [{ kept: [] }]);
  const [claim] = await captureStatements(
    (tx) => claimBatchEvents(tx, [{ workspaceId: W, id: K }]),
    () => [{ conversations: [], events: [], candidates: [] }],
  );
  const past = new Date(Date.now() - 60_000).toISOString();
  const [slaLock, slaFire] = await captureStatements(
    (db) => fireSlaTimers(db, [{ workspaceId: W, clockId: K, seq: 1, phase: 'warning' }]),
    (i) =>
      i === 0
        ? [{ workspaceId: W, id: K, conversationId: K, kind: 'first_response', policyId: null, seq: 1, dueAt: past, warnAt: past, warnedAt: null, breachedAt: null, stoppedAt: null, teamId: null, assigneeId: null, now: String(Date.now()) }]
        : [],
  );
  return { 'batch-writes': batch!, 'store-inbound-round': inbound!, 'claim-batch-events': claim!, 'fire-sla-timer.lock': slaLock!, 'fire-sla-timer.fire': slaFire! };
}

const golden = (name: string) => new URL(`./statements/${name}.sql`, import.meta.url);

// The statements' text as it was when it was typed by hand (before the column lists were derived
// from the tables): the same text means the same plan, so deriving them changed no performance.
// Whitespace and comments are not compared. A deliberate change to a statement rewrites its file
// with WRITE_STATEMENTS=1, and the diff shows in review.
describe('hot statements keep their text', async () => {
  const statements = await hotStatements();
  for (const [name, statement] of Object.entries(statements)) {
    it(name, () => {
      if (process.env.WRITE_STATEMENTS === '1') writeFileSync(golden(name), `${statement.sql.trim()}\n`);
      expect(normalizeStatement(statement.sql)).toBe(normalizeStatement(readFileSync(golden(name), 'utf8')));
    });
  }
});

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  batchParts,
  writeBatchRows,
  type BatchPart,
  type BatchRows,
} from '../runs/batch/batch-writes-statement.sql';
import { claimBatchEvents } from '../runs/batch/claim-batch-events.sql';
import { lockRunsWithWorld } from '../runs/batch/claim-waits.sql';
import { storeInboundRound } from '../conversations/inbound/store-inbound-round.sql';
import { openOrLockConversations } from '../conversations/inbound/open-or-lock-conversations';
import type { Indexed } from '../conversations/inbound/inbound-message';
import { fireSlaTimers } from '../sla/fire-sla-timer.sql';
import { checkStatementColumns, schemaColumns } from './check-statement-columns';
import {
  captureStatements,
  normalizeStatement,
  type RenderedStatement,
} from './capture-statements';

const W = '00000000-0000-4000-8000-000000000001';
const K = '00000000-0000-4000-8000-000000000002';

/** The hot statements, as sent: their text does not depend on the rows (one plan each). */
async function hotStatements(): Promise<Record<string, RenderedStatement>> {
  // The batch writer sends only its parts with rows: the seed scenario's variant (new runs
  // routed by assign steps) and the variant with every part, so every CTE's columns are checked.
  const batchVariant = async (parts: readonly BatchPart[]) => {
    const rows = Object.fromEntries(
      batchParts.map((part) => [part, parts.includes(part) ? [{}] : []]),
    ) as unknown as BatchRows;
    const [statement] = await captureStatements(
      async (tx) => writeBatchRows(tx, rows, [K]),
      () => [{ inserted: [] }],
    );
    return statement;
  };
  const batchSeed = await batchVariant(['runs', 'steps', 'conversations', 'events', 'cursors']);
  const batchAll = await batchVariant(batchParts);
  const [inbound] = await captureStatements(
    (tx) => storeInboundRound(tx, [], false),
    () => [{ kept: [] }],
  );
  const [open] = await captureStatements(
    (tx) => openOrLockConversations(tx, [{ workspaceId: W, channelId: K, input: { contact: { externalId: 'c1' }, text: 'Hi' }, index: 0 } as unknown as Indexed]),
    () => [{ contact_id: K, w: W, ch: K, ext: 'c1', conversation_id: K }],
  );
  const [claim] = await captureStatements(
    (tx) => claimBatchEvents(tx, [{ workspaceId: W, id: K }]),
    () => [{ conversations: [], events: [], candidates: [] }],
  );
  const [waits] = await captureStatements(
    (tx) => lockRunsWithWorld(tx, [{ workspaceId: W, id: K }]),
    () => [{ conversations: [], runs: [], versions: [], clock: '0', members: [], teams: [], contacts: [], zones: [], schedules: [] }],
  );
  const past = new Date(Date.now() - 60_000).toISOString();
  const [slaLock, slaFire] = await captureStatements(
    (db) => fireSlaTimers(db, [{ workspaceId: W, clockId: K, seq: 1, phase: 'warning' }]),
    (i) =>
      i === 0
        ? [
            {
              workspaceId: W,
              id: K,
              conversationId: K,
              kind: 'first_response',
              policyId: null,
              seq: 1,
              dueAt: past,
              warnAt: past,
              warnedAt: null,
              breachedAt: null,
              stoppedAt: null,
              teamId: null,
              assigneeId: null,
              now: String(Date.now()),
            },
          ]
        : [],
  );
  return {
    'batch-writes.seed': batchSeed!,
    'batch-writes.all': batchAll!,
    'store-inbound-round': inbound!,
    'open-conversations': open!,
    'claim-batch-events': claim!,
    'claim-waits': waits!,
    'fire-sla-timer.lock': slaLock!,
    'fire-sla-timer.fire': slaFire!,
  };
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
      if (process.env.WRITE_STATEMENTS === '1')
        writeFileSync(golden(name), `${statement.sql.trim()}\n`);
      expect(
        normalizeStatement(statement.sql),
        `${name}: the statement's text changed (a changed plan?). If deliberate: WRITE_STATEMENTS=1 pnpm exec vitest run --project unit packages/db/src/sql/hot-statements.test.ts, and review the diff of sql/statements/${name}.sql`,
      ).toBe(normalizeStatement(readFileSync(golden(name), 'utf8')));
    });
  }
});

// What the statements still name by hand — update assignments, join and where columns, the
// recordsets' fields — checked against the drizzle tables: a renamed column fails here, in a
// unit test, rather than only in an integration test. (The column lists the statements write
// are derived from the tables by tableRecords / selectColumns and cannot disagree with them.)
describe('hot statements name only columns the tables have', async () => {
  const statements = await hotStatements();
  const tables = schemaColumns();
  // At least this many names checked per statement, so a parser change cannot make it vacuous.
  const least: Record<string, number> = {
    'batch-writes.seed': 90,
    'batch-writes.all': 200,
    'store-inbound-round': 20,
    'open-conversations': 10,
    'claim-batch-events': 70,
    'claim-waits': 60,
    'fire-sla-timer.lock': 25,
    'fire-sla-timer.fire': 40,
  };
  for (const [name, statement] of Object.entries(statements)) {
    it(name, () => {
      const { checked, problems } = checkStatementColumns(statement.sql, tables);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(least[name]!);
    });
  }
});

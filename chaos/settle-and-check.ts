// The end of every fault test: wait until the workspace's runs have settled, then check the
// invariants once. Shared by the int tests that break something while the seed scenario runs
// (chaos-kill-worker, two-worker-processes, redis-cluster); `pnpm chaos` reports rather than
// asserts, so it calls checkInvariants itself.
import type { DatabaseHandle } from '@baton/db';
import { NO_VIOLATIONS, checkInvariants, runsSettled, type InvariantReport } from './invariants';

type Pool = DatabaseHandle['pool'];

/** What the tests compare as one object, so a failure shows every count at once. */
export type SettleVerdict = InvariantReport['violations'] & {
  settled: boolean;
  conversations: number;
  /** No wait fired before its time (lateness ≥ 0), whatever happened to workers or Redis. */
  neverEarly: boolean;
};

/** The verdict of a clean run over `conversations` conversations. */
export function cleanVerdict(conversations: number): SettleVerdict {
  return { settled: true, conversations, neverEarly: true, ...NO_VIOLATIONS };
}

/**
 * Polls until `conversations` runs exist and none is open (runsSettled: one snapshot), at most
 * `timeoutMs`, then checks the invariants — also when it never settled, so the failure says
 * what is wrong. `waitMs`: the scenario's wait, for the lateness; `graceMs`: how overdue a
 * wait or how long a running run may be before it counts as lost.
 */
export async function settleAndCheck(
  pool: Pool,
  workspaceId: string,
  opts: {
    conversations: number;
    waitMs: number;
    graceMs?: number;
    timeoutMs?: number;
    everyMs?: number;
  },
): Promise<{ settled: boolean; report: InvariantReport; verdict: SettleVerdict }> {
  const query = (text: string, params: unknown[]) => pool.query(text, params);
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  let settled = await runsSettled(query, workspaceId, opts.conversations);
  while (!settled && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 250));
    settled = await runsSettled(query, workspaceId, opts.conversations);
  }
  const report = await checkInvariants(pool, workspaceId, {
    waitMs: opts.waitMs,
    graceMs: opts.graceMs ?? 3000,
  });
  return {
    settled,
    report,
    verdict: {
      settled,
      conversations: report.conversations,
      neverEarly: report.lateness.minMs >= 0,
      ...report.violations,
    },
  };
}

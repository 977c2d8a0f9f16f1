import { firstStepAfterTrigger, requirementsUntilWait, type PoolKey, type WorkflowDefinition } from '@baton/engine';
import type { PoolRef } from './load-batch-pools';
import { StalePoolHints } from './advance-batch';

// The pools the published workflows of a workspace reach before their first wait, per trigger
// event type, as this process last saw them in a claim. Only a prediction: a batch that starts
// runs issues the cursor locks for the predicted pools in the claim's round trip (pipelined
// behind it), and advanceBatch checks that they cover what the runs need — a workflow
// republished since makes the batch roll back and run again the plain way (StalePoolHints).
// Bounded like the definition cache; losing an entry costs one unpipelined batch.
const hints = new Map<string, Map<string, readonly PoolKey[]>>();
const MAX_WORKSPACES = 2_000;

type Seen = { workspaceId: string; triggerEvent: string | null; definition: WorkflowDefinition };

/**
 * Learns from a claim: for each workspace and event type the claim covered, the pools of the
 * candidates of that type (none when no workflow listens, which is worth knowing too).
 */
export function learnPoolHints(
  claimed: ReadonlyArray<{ workspaceId: string; type: string }>,
  candidates: readonly Seen[],
): void {
  const seen = new Map<string, Set<PoolKey>>();
  for (const e of claimed) seen.set(`${e.workspaceId}|${e.type}`, new Set());
  for (const c of candidates) {
    const pools = seen.get(`${c.workspaceId}|${c.triggerEvent}`);
    if (!pools) continue;
    for (const key of requirementsUntilWait(c.definition, firstStepAfterTrigger(c.definition)).pools) pools.add(key);
  }
  for (const [key, pools] of seen) {
    const [workspaceId, type] = key.split('|') as [string, string];
    let byType = hints.get(workspaceId);
    if (!byType) {
      if (hints.size >= MAX_WORKSPACES) hints.delete(hints.keys().next().value!);
      byType = new Map();
      hints.set(workspaceId, byType);
    }
    byType.set(type, [...pools].sort());
  }
}

/**
 * The pools to lock ahead for a batch of events of these workspaces — those of every event
 * type seen for them, since the types are known only once the events are claimed — or null
 * when a workspace was never seen (then nothing is predicted: the batch takes its pools after
 * the claim, as before). A type not seen yet whose workflows need other pools costs one
 * rolled-back attempt, after which it is known.
 */
export function predictPools(workspaceIds: Iterable<string>): PoolRef[] | null {
  const out = new Map<string, PoolRef>();
  for (const workspaceId of new Set(workspaceIds)) {
    const byType = hints.get(workspaceId);
    if (!byType) return null;
    for (const pools of byType.values())
      for (const key of pools) out.set(`${workspaceId}|${key}`, { workspaceId, key });
  }
  return [...out.values()];
}

/** How the predictions fared in this process: batches that locked their pools ahead, and those rolled back for it. */
export const poolHintStats = { predicted: 0, missed: 0 };

/**
 * Runs `attempt` with pools locked ahead (predicted here, or named by a timer's job), and once
 * more without when they did not cover the runs' pools (StalePoolHints): the first attempt's
 * transaction was rolled back, so the second one starts from nothing.
 */
export async function withPoolHints<T>(attempt: (hinted: boolean) => Promise<T>): Promise<T> {
  try {
    return await attempt(true);
  } catch (error) {
    if (!(error instanceof StalePoolHints)) throw error;
    poolHintStats.missed += 1;
  }
  return attempt(false);
}

/** Tests: start from nothing learned. */
export function forgetPoolHints(): void {
  hints.clear();
  poolHintStats.predicted = 0;
  poolHintStats.missed = 0;
}

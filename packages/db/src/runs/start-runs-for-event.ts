import { and, eq, lte, sql } from 'drizzle-orm';
import {
  firstStepAfterTrigger,
  initialRunState,
  matchesTrigger,
  parseDefinition,
  type TriggerEvent,
} from '@baton/engine';
import { outboxEvents, runSteps, workflowRuns, workflowVersions, workflows } from '../schema';
import { inTransaction, type Tenant } from '../tenancy/tenant';
import { lockConversation } from '../conversations/lock-conversation';
import { advanceRun } from './advance-run';
import type { AdvanceResult } from './run-types';

/**
 * Handles one outbox event: starts a run of every published workflow whose trigger
 * matches, and advances each to its first wait. Delivered twice, it does nothing the
 * second time: the event row is marked processed in the same transaction, and runs are
 * unique per (published version, event).
 */
export function startRunsForEvent(t: Tenant, eventId: string): Promise<AdvanceResult[]> {
  return inTransaction(t, async (tx) => {
    const [peek] = await tx.db
      .select({ conversationId: outboxEvents.conversationId })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, tx.workspaceId), eq(outboxEvents.id, eventId)));
    if (!peek) return [];
    // Lock order everywhere: conversation, then anything else.
    const conversation = await lockConversation(tx, peek.conversationId);
    const [event] = await tx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, tx.workspaceId), eq(outboxEvents.id, eventId)))
      .for('update');
    if (!event || event.processedAt) return [];
    // Marked here rather than after the runs: same transaction, same outcome, but not one
    // more round trip while an assign step holds its pool's cursor lock until commit.
    await tx.db
      .update(outboxEvents)
      .set({ processedAt: sql`now()` })
      .where(and(eq(outboxEvents.workspaceId, tx.workspaceId), eq(outboxEvents.id, eventId)));

    const candidates = await tx.db
      .select({
        workflowId: workflows.id,
        workflowName: workflows.name,
        versionId: workflowVersions.id,
        definition: workflowVersions.definition,
      })
      .from(workflows)
      .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
      .where(
        and(
          eq(workflows.workspaceId, tx.workspaceId),
          eq(workflows.status, 'published'),
          eq(workflows.triggerEvent, event.type),
          // A workflow reacts to what happens after it is published, not to a backlog.
          lte(workflowVersions.publishedAt, event.createdAt),
        ),
      );

    const results: AdvanceResult[] = [];
    // The row locked above is current for the first run; later runs re-read it to see what
    // the earlier ones changed (an assignment, a comment).
    let current: typeof conversation | null = conversation;
    // A manual event names the one workflow it starts.
    const only = event.type === 'manual' ? (event.payload as { workflowId?: string }).workflowId : undefined;
    for (const candidate of candidates) {
      if (only && candidate.workflowId !== only) continue;
      const definition = parseDefinition(candidate.definition);
      if (
        !matchesTrigger(definition.trigger.config, {
          type: event.type as TriggerEvent,
          source: event.source,
        })
      )
        continue;
      const [run] = await tx.db
        .insert(workflowRuns)
        .values({
          workspaceId: tx.workspaceId,
          workflowId: candidate.workflowId,
          workflowVersionId: candidate.versionId,
          conversationId: conversation.id,
          triggerEventId: event.id,
          status: 'running',
          currentStepId: definition.trigger.id,
          state: initialRunState(),
        })
        .onConflictDoNothing()
        .returning();
      if (!run) continue;
      await tx.db.insert(runSteps).values({
        workspaceId: tx.workspaceId,
        runId: run.id,
        seq: 0,
        stepId: definition.trigger.id,
        stepType: 'trigger',
        output: 'next',
        decision: {
          kind: 'trigger',
          event: event.type,
          source: event.source,
          explanation: `Started by ${event.type} (source: ${event.source}).`,
        },
        finishedAt: sql`now()`,
      });
      results.push(
        await advanceRun(tx, {
          run,
          conversation: current ?? (await lockConversation(tx, conversation.id)),
          definition,
          workflowName: candidate.workflowName,
          startStepId: firstStepAfterTrigger(definition),
        }),
      );
      current = null;
    }
    return results;
  });
}

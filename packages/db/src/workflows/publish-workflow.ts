import { and, eq, sql } from 'drizzle-orm';
import { moveProblems, parseDefinition, validateDefinition, type DiffableDefinition, type RunMoveChoice } from '@baton/engine';
import { runMoves, users, workflows, workflowVersions } from '../schema';
import { notifyRunMoves } from '../runs/move/notify-run-moves.sql';
import { inTransaction, type Tenant, type TenantTx } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { httpDestinationProblems } from '../http-requests/http-destination-problems';
import { namedHttpHosts, resolveHosts, resolvedDestinationProblems } from '../http-requests/resolved-destination-problems';
import { allowsPrivateOutbound } from '../channels/outbound-destination';
import type { Resolver } from '../channels/outbound-lookup';
import { findWorkflow } from './find-workflow';
import { loadCatalog } from './load-catalog';

/**
 * Freezes the draft into a new immutable version and makes it the one new runs start on.
 * Runs already in flight keep the version they started with.
 * HTTP request steps' host names are resolved before the transaction (DNS can take seconds,
 * and the workflow row is locked inside): one resolving to a private address is a problem on
 * the step in production, like an address written out. A name the draft gained in between is
 * resolved inside, bounded by the same timeout.
 */
export async function publishWorkflow(
  t: Tenant,
  workflowId: string,
  actorUserId: string | null,
  opts: {
    env?: NodeJS.ProcessEnv;
    resolver?: Resolver;
    /**
     * Runs waiting at these steps of the current version move to the new one at the named
     * step (the others finish on their version). Recorded here; the worker moves them.
     */
    moves?: readonly RunMoveChoice[];
    /** Who decided the moves when no member did (an API key). */
    actorName?: string;
  } = {},
): Promise<{ versionId: string; version: number; runMoveId: string | null }> {
  const env = opts.env ?? process.env;
  const guarded = !allowsPrivateOutbound(env);
  const verdicts = guarded
    ? await resolveHosts(namedHttpHosts((await findWorkflow(t, workflowId)).draftDefinition).map((h) => h.host), opts.resolver)
    : new Map();
  return inTransaction(t, async (tx) => {
    const workflow = await findWorkflow(tx, workflowId, { lock: true });
    if (guarded) {
      const late = namedHttpHosts(workflow.draftDefinition).map((h) => h.host).filter((h) => !verdicts.has(h));
      if (late.length) for (const [host, verdict] of await resolveHosts(late, opts.resolver)) verdicts.set(host, verdict);
    }
    const problems = [
      ...validateDefinition(workflow.draftDefinition, await loadCatalog(tx)),
      ...httpDestinationProblems(workflow.draftDefinition, env),
      ...resolvedDestinationProblems(workflow.draftDefinition, verdicts, env),
    ];
    if (problems.length > 0) {
      throw new DomainError(
        'invalid',
        `The workflow has ${problems.length} problem(s) to fix before publishing`,
        {
          problems,
        },
      );
    }
    const definition = parseDefinition(workflow.draftDefinition);
    const moves = opts.moves ?? [];
    const previous = moves.length ? await previousVersion(tx, workflow.publishedVersionId) : null;
    if (moves.length) {
      const problems = previous
        ? moveProblems(previous.definition as DiffableDefinition, definition, moves)
        : [{ field: 'moves', message: 'Nothing is published yet: there are no runs to move' }];
      // Checked before anything is written: a bad choice publishes nothing and moves nothing.
      if (problems.length) throw new DomainError('invalid', `Invalid ${problems[0]!.field}: ${problems[0]!.message}`, problems);
    }
    const [last] = await tx.db
      .select({ max: sql<number>`coalesce(max(${workflowVersions.version}), 0)` })
      .from(workflowVersions)
      .where(
        and(
          eq(workflowVersions.workspaceId, tx.workspaceId),
          eq(workflowVersions.workflowId, workflowId),
        ),
      );
    const version = Number(last?.max ?? 0) + 1;
    const [row] = await tx.db
      .insert(workflowVersions)
      .values({
        workspaceId: tx.workspaceId,
        workflowId,
        version,
        name: workflow.name,
        definition,
        publishedBy: actorUserId,
      })
      .returning({ id: workflowVersions.id });
    await tx.db
      .update(workflows)
      .set({
        status: 'published',
        publishedVersionId: row!.id,
        triggerEvent: definition.trigger.config.event,
        lastPublishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, workflowId)));
    let runMoveId: string | null = null;
    if (previous && moves.length) {
      const [actor] = actorUserId ? await tx.db.select({ name: users.name }).from(users).where(eq(users.id, actorUserId)) : [];
      const [move] = await tx.db
        .insert(runMoves)
        .values({
          workspaceId: tx.workspaceId,
          workflowId,
          fromVersionId: previous.id,
          toVersionId: row!.id,
          moves: Object.fromEntries(moves.map((m) => [m.fromStepId, m.toStepId])),
          decidedBy: actorUserId,
          decidedByName: actor?.name ?? opts.actorName ?? 'An API key',
        })
        .returning({ id: runMoves.id });
      runMoveId = move!.id;
      // Delivered on commit: the worker starts moving at once (its sweep catches a lost one).
      await notifyRunMoves(tx);
    }
    return { versionId: row!.id, version, runMoveId };
  });
}

async function previousVersion(tx: TenantTx, versionId: string | null) {
  if (!versionId) return null;
  const [v] = await tx.db
    .select({ id: workflowVersions.id, definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workspaceId, tx.workspaceId), eq(workflowVersions.id, versionId)));
  return v ?? null;
}

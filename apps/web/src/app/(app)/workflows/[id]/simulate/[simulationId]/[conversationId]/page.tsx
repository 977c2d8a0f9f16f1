import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DomainError, getSimulation, getWorkflowVersion, isUuid, loadCatalog, type RunDetail } from '@baton/db';
import { workflowDefinitionSchema, type SimulatedPath } from '@baton/engine';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { Alert } from '@/components/ui/alert';
import { StepTimeline } from '@/components/runs/step-timeline';
import { RunStatusBadge } from '@/components/runs/run-status-badge';

/** A simulated path in the shape of a run's steps, so the run trace components show it as they show a real run. */
function asRunSteps(path: SimulatedPath, label: string): RunDetail['steps'] {
  return path.steps.map((s) => ({
    id: `${label}-${s.seq}`,
    workspaceId: '',
    runId: '',
    seq: s.seq,
    stepId: s.stepId,
    stepType: s.stepType,
    output: s.output,
    decision: s.decision,
    effects: s.effects,
    error: s.error,
    actorUserId: null,
    startedAt: new Date(s.startedAt),
    finishedAt: s.finishedAt === null ? null : new Date(s.finishedAt),
  }));
}

/** One sampled conversation: the step-by-step path each version took in the replay. */
export default async function SimulatedConversationPage({ params }: { params: Promise<{ id: string; simulationId: string; conversationId: string }> }) {
  const { member, allowed } = await getMemberAccess('workflows.manage');
  if (!allowed) {
    return (
      <>
        <PageHeader title="Simulated conversation" />
        <NoAccess what="simulations (admins only)" />
      </>
    );
  }
  const { id, simulationId, conversationId } = await params;
  if (!isUuid(id) || !isUuid(simulationId) || !isUuid(conversationId)) notFound();
  const simulation = await getSimulation(member.tenant, simulationId).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'not_found') return null;
    throw e;
  });
  if (!simulation || simulation.workflowId !== id || !simulation.result) notFound();
  const catalog = await loadCatalog(member.tenant);
  const names = Object.fromEntries(catalog.users.map((u) => [u.id, u.name]));
  const publishedVersion = simulation.publishedVersionId ? await getWorkflowVersion(member.tenant, id, simulation.publishedVersionId).catch(() => null) : null;
  const definitions: Record<string, unknown> = { draft: simulation.draftDefinition, published: publishedVersion?.definition ?? null };
  const paths = simulation.result.versions.flatMap((v) => {
    const path = v.samples.find((s) => s.conversationId === conversationId);
    return path ? [{ version: v, path }] : [];
  });
  if (paths.length === 0) notFound();
  const contact = paths[0]!.path.contactName ?? 'an unnamed contact';

  return (
    <>
      <PageHeader
        title={`Simulated path · ${contact}`}
        description="What each version would have done with this conversation in the replay, step by step."
        actions={
          <Link href={`/workflows/${id}/simulate?simulation=${simulationId}`} className="text-sm text-brand-700 hover:underline">
            ← Back to the simulation
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {paths.map(({ version, path }) => {
          const parsed = workflowDefinitionSchema.safeParse(definitions[version.label]);
          return (
            <section key={version.label} aria-label={version.label === 'draft' ? 'Draft' : 'Published'} data-testid={`simulated-path-${version.label}`}>
              <h2 className="mb-3 flex items-center gap-2 text-base font-semibold text-slate-900">
                {version.label === 'draft' ? 'Draft' : 'Published'} <RunStatusBadge status={path.runStatus} />
              </h2>
              {path.error ? (
                <div className="mb-3">
                  <Alert>{path.error}</Alert>
                </div>
              ) : null}
              <StepTimeline steps={asRunSteps(path, version.label)} definition={parsed.success ? parsed.data : null} catalog={catalog} names={names} />
            </section>
          );
        })}
      </div>
    </>
  );
}

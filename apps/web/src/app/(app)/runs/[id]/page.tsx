import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DomainError, getRun, isUuid, loadCatalog } from '@baton/db';
import { workflowDefinitionSchema } from '@baton/engine';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { DisplayTimeZoneNote } from '@/components/ui/display-time-zone';
import { RunsTabs } from '@/components/runs/runs-tabs';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { PathCanvas } from '@/components/runs/path-canvas';
import { StepTimeline } from '@/components/runs/step-timeline';
import { RunActionButtons } from '@/components/runs/run-action-buttons';
import { Countdown } from '@/components/runs/countdown';
import { AutoRefresh } from '@/components/runs/auto-refresh';

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { member, allowed } = await getMemberAccess('runs.view');
  if (!allowed) {
    return (
      <>
        <PageHeader title="Run" />
        <NoAccess what="workflow runs" />
      </>
    );
  }
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const run = await getRun(member.tenant, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') return null;
    throw error;
  });
  if (!run) notFound();
  const catalog = await loadCatalog(member.tenant);
  const names = Object.fromEntries(catalog.users.map((u) => [u.id, u.name]));
  // Versions are validated when published; parse defensively all the same, so one odd
  // definition shows the timeline without a canvas instead of an error page.
  const parsed = workflowDefinitionSchema.safeParse(run.definition);
  const definition = parsed.success ? parsed.data : null;
  const live = run.status === 'waiting' || run.status === 'running';
  const pathSteps = run.steps.map((s) => ({ stepId: s.stepId, stepType: s.stepType, output: s.output }));

  return (
    <>
      <PageHeader
        title={`${run.workflowName} · v${run.version}`}
        description={
          <>
            Run for <span className="font-medium text-slate-700">{run.contactName ?? 'an unnamed contact'}</span> · started <LocalTime iso={run.startedAt.toISOString()} />
            {run.finishedAt ? (
              <>
                {' '}
                · finished <LocalTime iso={run.finishedAt.toISOString()} />
              </>
            ) : null}
          </>
        }
        actions={live ? <AutoRefresh /> : null}
      />
      <RunsTabs />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <span data-testid="run-status">
            <RunStatusBadge status={run.status} />
          </span>
          <span className="text-slate-600">
            Current step: <code className="text-xs">{run.currentStepId ?? '—'}</code>
          </span>
          {run.status === 'waiting' && run.wakeAt ? (
            <span className="flex items-center gap-2 text-slate-600">
              Next wake-up: <Countdown iso={run.wakeAt.toISOString()} />
            </span>
          ) : null}
          <Link href={`/inbox?c=${run.conversationId}`} className="text-brand-700 hover:underline">
            Open conversation ({run.conversationStatus})
          </Link>
        </div>
        {run.status === 'waiting' ? <RunActionButtons kind="waiting" runId={run.id} waitSeq={run.waitSeq} /> : null}
        {run.status === 'failed' ? <RunActionButtons kind="failed" runId={run.id} /> : null}
      </div>
      {run.status === 'failed' ? (
        <div className="mb-4">
          <Alert>
            <span className="font-semibold">This run failed at step {run.currentStepId ?? '?'}:</span> {run.error ?? 'no error was recorded'}. Fix the cause (for
            example a member or team the step needs), then retry it from that step.
          </Alert>
        </div>
      ) : null}
      {run.status === 'cancelled' && run.error ? (
        <div className="mb-4">
          <Alert tone="info">{run.error}.</Alert>
        </div>
      ) : null}
      <Card className="mb-6">
        <CardHeader title="Path" description="The version this run executed. Highlighted: the steps it took and the way it left each; amber: where it is now." />
        <div className="p-3">
          {definition ? (
            <PathCanvas definition={definition} steps={pathSteps} currentStepId={live ? run.currentStepId : null} catalog={catalog} height={560} />
          ) : (
            <p className="text-sm text-slate-500">This version&apos;s definition could not be drawn.</p>
          )}
        </div>
      </Card>
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">Timeline</h2>
        <DisplayTimeZoneNote className="text-xs text-slate-500" />
      </div>
      <StepTimeline steps={run.steps} definition={definition} catalog={catalog} names={names} />
    </>
  );
}

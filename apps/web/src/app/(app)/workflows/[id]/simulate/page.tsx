import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DomainError, getSimulation, getWorkflow, isUuid, listSimulations, loadCatalog, SIMULATION_MAX_DAYS } from '@baton/db';
import { getMemberAccess } from '@/server/auth';
import { PageHeader } from '@/components/shell/page-header';
import { NoAccess } from '@/components/shell/no-access';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { SimulationForm } from '@/components/simulate/simulation-form';
import { SimulationProgressBar } from '@/components/simulate/simulation-progress';
import { SimulationResults } from '@/components/simulate/simulation-results';

const orNull = (e: unknown) => {
  if (e instanceof DomainError && e.code === 'not_found') return null;
  throw e;
};

/** Simulate (issue #19 item 1): replay the draft and the published version over recorded traffic. Admins only. */
export default async function SimulatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ simulation?: string | string[] }> }) {
  const { member, allowed } = await getMemberAccess('workflows.manage');
  if (!allowed) {
    return (
      <>
        <PageHeader title="Simulate" />
        <NoAccess what="simulations (admins only)" />
      </>
    );
  }
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const workflow = await getWorkflow(member.tenant, id).catch(orNull);
  if (!workflow) notFound();
  const recent = await listSimulations(member.tenant, id, 5);
  const asked = (await searchParams).simulation;
  const chosenId = typeof asked === 'string' && isUuid(asked) ? asked : recent[0]?.id;
  const simulation = chosenId ? await getSimulation(member.tenant, chosenId).catch(orNull) : null;
  if (simulation && simulation.workflowId !== id) notFound();
  const catalog = await loadCatalog(member.tenant);
  const names = Object.fromEntries(catalog.users.map((u) => [u.id, u.name]));

  return (
    <>
      <PageHeader
        title={`Simulate · ${workflow.name}`}
        description="Replay the draft and the published version over recorded conversations, agents' availability and replies, and compare what each would have done. Nothing is written to real conversations."
        actions={
          <Link href={`/workflows/${id}`} className="text-sm text-brand-700 hover:underline">
            ← Back to the builder
          </Link>
        }
      />
      <Card className="mb-6">
        <CardHeader title="Period" description="Default: the last 7 days. The draft is taken as it is saved now." />
        <div className="p-5">
          <SimulationForm workflowId={id} maxDays={SIMULATION_MAX_DAYS} />
        </div>
      </Card>
      {simulation ? (
        <section className="space-y-4" aria-label="Simulation" data-testid="simulation" data-status={simulation.status}>
          <p className="text-sm text-slate-600">
            Simulation of <LocalTime iso={simulation.periodFrom.toISOString()} /> – <LocalTime iso={simulation.periodTo.toISOString()} />, seed {simulation.seed}
          </p>
          <SimulationProgressBar simulationId={simulation.id} initial={{ status: simulation.status, progress: simulation.progress, error: simulation.error }} />
          {simulation.status === 'failed' ? <Alert>The simulation failed: {simulation.error ?? 'no reason was recorded'}</Alert> : null}
          {simulation.status === 'cancelled' ? <Alert tone="info">This simulation was cancelled; nothing was kept.</Alert> : null}
          {simulation.status === 'succeeded' && simulation.result ? (
            <SimulationResults workflowId={id} simulationId={simulation.id} result={simulation.result} names={names} draftDefinition={simulation.draftDefinition} catalog={catalog} />
          ) : null}
        </section>
      ) : null}
      {recent.length > 1 ? (
        <Card className="mt-6">
          <CardHeader title="Recent simulations" />
          <ul className="divide-y divide-slate-100 text-sm">
            {recent.map((r) => (
              <li key={r.id} className="flex justify-between gap-3 px-5 py-2">
                <Link href={`/workflows/${id}/simulate?simulation=${r.id}`} className="text-brand-700 hover:underline">
                  <LocalTime iso={r.periodFrom.toISOString()} /> – <LocalTime iso={r.periodTo.toISOString()} /> · seed {r.seed}
                </Link>
                <span className="text-slate-500">{r.status}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}

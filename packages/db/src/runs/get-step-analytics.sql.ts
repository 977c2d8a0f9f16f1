import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tenant } from '../tenancy/tenant';
import { MAX_PERIOD_DAYS } from '../metrics/metrics-period';

// Bounded like the metrics period: the counts join run_steps over every run in the span.
export const stepAnalyticsInputSchema = z
  .object({
    workflowId: z.uuid(),
    from: z.coerce.date(),
    to: z.coerce.date(),
  })
  .refine((p) => p.to.getTime() > p.from.getTime(), { error: '"to" must be after "from"', path: ['to'] })
  .refine((p) => p.to.getTime() - p.from.getTime() <= MAX_PERIOD_DAYS * 86_400_000, {
    error: `A period can span at most ${MAX_PERIOD_DAYS} days`,
    path: ['from'],
  });
export type StepAnalyticsInput = z.input<typeof stepAnalyticsInputSchema>;

export type StepAnalytics = {
  /** Runs of the workflow started in [from, to). */
  runs: number;
  steps: Array<{
    stepId: string;
    stepType: string;
    /** Distinct runs that executed the step at least once. */
    runsReached: number;
    /** Executions, counting every pass of a run that looped through a jump. */
    executions: number;
    /** Per output handle (e.g. `branch:no-reply`, `else`, `no_one_available`): executions that took it. */
    outputs: Record<string, number>;
  }>;
};

/**
 * How many runs reached each step of a workflow, and which way they left it, for runs
 * started in the period. Counted over every version: step ids survive edits, so a step's
 * numbers follow it across versions. Person-made log rows (`manual`) are not steps.
 */
export async function getStepAnalytics(t: Tenant, raw: StepAnalyticsInput): Promise<StepAnalytics> {
  const f = stepAnalyticsInputSchema.parse(raw);
  const from = f.from.toISOString();
  const to = f.to.toISOString();
  const total = await t.db.execute<{ n: number }>(sql`
    select count(*)::int as n from workflow_runs r
    where r.workspace_id = ${t.workspaceId} and r.workflow_id = ${f.workflowId}
      and r.started_at >= ${from}::timestamptz and r.started_at < ${to}::timestamptz`);
  const rows = await t.db.execute<{
    step_id: string;
    step_type: string;
    output: string | null;
    is_total: number;
    executions: number;
    runs_reached: number;
  }>(sql`
    select s.step_id, s.step_type, s.output,
           grouping(s.output)::int as is_total,
           count(*)::int as executions,
           count(distinct s.run_id)::int as runs_reached
    from run_steps s
    join workflow_runs r on r.id = s.run_id and r.workspace_id = s.workspace_id
    where s.workspace_id = ${t.workspaceId} and r.workflow_id = ${f.workflowId}
      and r.started_at >= ${from}::timestamptz and r.started_at < ${to}::timestamptz
      and s.step_type <> 'manual'
    group by grouping sets ((s.step_id, s.step_type, s.output), (s.step_id, s.step_type))
    order by s.step_id`);

  const steps = new Map<string, StepAnalytics['steps'][number]>();
  for (const row of rows.rows) {
    let e = steps.get(row.step_id);
    if (!e) {
      e = { stepId: row.step_id, stepType: row.step_type, runsReached: 0, executions: 0, outputs: {} };
      steps.set(row.step_id, e);
    }
    // The grouping set without `output` is the per-step total; the others split it by
    // handle. A NULL output (a wait still pending, a taken jump) left by no handle.
    if (row.is_total) {
      e.runsReached = row.runs_reached;
      e.executions = row.executions;
    } else if (row.output !== null) {
      e.outputs[row.output] = row.executions;
    }
  }
  return { runs: total.rows[0]?.n ?? 0, steps: [...steps.values()] };
}

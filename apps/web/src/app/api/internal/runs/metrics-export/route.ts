import { getAgentMetrics, getConversationMetrics, getSlaAttainment, getWorkspaceTimeZone, listSlaBreaches, metricsPeriodSchema } from '@baton/db';
import { authorizeRoute } from '@/server/auth';
import { periodFromSearch } from '@/server/runs/search-params';
import { agentMetricsCsv, dailyMetricsCsv } from '@/server/runs/metrics-csv';
import { slaAttainmentCsv, slaBreachesCsv } from '@/server/runs/metrics-csv-sla';

/** CSV of the metrics page: `?table=daily` (default), `agents`, `sla` (attainment per day, team and agent) or `sla-breaches`, same period params as the page. */
export async function GET(request: Request) {
  const auth = await authorizeRoute('runs.view');
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const sp = Object.fromEntries(url.searchParams);
  const parsed = metricsPeriodSchema.safeParse(periodFromSearch(sp, 7, await getWorkspaceTimeZone(auth.member.tenant)));
  if (!parsed.success) {
    return Response.json({ error: { code: 'invalid', message: parsed.error.issues[0]?.message ?? 'Invalid period' } }, { status: 400 });
  }
  const period = parsed.data;
  const table = sp.table === 'agents' || sp.table === 'sla' || sp.table === 'sla-breaches' ? sp.table : 'daily';
  const body =
    table === 'agents'
      ? agentMetricsCsv(await getAgentMetrics(auth.member.tenant, period))
      : table === 'sla'
        ? slaAttainmentCsv(await getSlaAttainment(auth.member.tenant, period))
        : table === 'sla-breaches'
          ? slaBreachesCsv(await listSlaBreaches(auth.member.tenant, period, 5000))
          : dailyMetricsCsv((await getConversationMetrics(auth.member.tenant, period)).daily);
  const stamp = `${period.from.toISOString().slice(0, 10)}_${period.to.toISOString().slice(0, 10)}`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="baton-${table}-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

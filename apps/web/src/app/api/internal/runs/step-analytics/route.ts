import { getStepAnalytics, stepAnalyticsInputSchema } from '@baton/db';
import { authorizeRoute } from '@/server/auth';

/**
 * Step counts for one workflow over a period, as JSON: `?workflowId=&from=&to=`. For any
 * canvas that wants to overlay them (the runs pages draw their own; the builder may too).
 */
export async function GET(request: Request) {
  const auth = await authorizeRoute('runs.view');
  if (!auth.ok) return auth.response;
  const parsed = stepAnalyticsInputSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json(
      { error: { code: 'invalid', message: 'workflowId, from and to are required', details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) } },
      { status: 400 },
    );
  }
  return Response.json(await getStepAnalytics(auth.member.tenant, parsed.data));
}

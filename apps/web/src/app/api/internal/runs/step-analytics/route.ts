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
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
    return Response.json({ error: { code: 'invalid', message: `Invalid ${details[0]!.field}: ${details[0]!.message}`, details } }, { status: 400 });
  }
  return Response.json(await getStepAnalytics(auth.member.tenant, parsed.data));
}

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { startManualRun } from '../runs/start-manual-run';
import { conversations, memberOpenCounts } from '../schema';
import { startRunsForEvents } from '../runs/start-runs-for-events';
import { setTeamCapacity, setWorkspaceCapacity } from './set-capacity';
import { listMemberLoads } from './member-load';

const handle = testDatabase(20);
afterAll(() => handle.close());

const ROUTES = ['sales', 'support', 'everyone', 'direct'] as const;
type Route = (typeof ROUTES)[number];

/**
 * Issue #16: "capacity never exceeded under 16 concurrent assigners". Four ways to assign
 * (round robin over Sales, fewest open over Support, round robin over the workspace, a
 * specific agent) whose pools overlap (Bea and Cy are in both teams, everyone is in the
 * workspace): 16 conversations' first runs decided at once, each in its own transaction.
 */
describe('capacity per agent under concurrent assigners', () => {
  it('no member ever ends with more open conversations than their capacity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          workspaceCap: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
          salesCap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          supportCap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          routes: fc.array(fc.constantFrom(...ROUTES), { minLength: 16, maxLength: 16 }),
        }),
        async ({ workspaceCap, salesCap, supportCap, routes }) => {
          const ws = await createTestWorkspace(handle.db, {
            members: [
              { name: 'Admin', role: 'admin' },
              { name: 'Al' },
              { name: 'Bea' },
              { name: 'Cy' },
              { name: 'Di' },
            ],
            teams: { Sales: ['Al', 'Bea', 'Cy'], Support: ['Bea', 'Cy', 'Di'] },
          });
          const t = tenant(handle.db, ws.workspaceId);
          await setWorkspaceCapacity(t, workspaceCap);
          await setTeamCapacity(t, ws.teams.Sales!, salesCap);
          await setTeamCapacity(t, ws.teams.Support!, supportCap);
          // One manual workflow per way of assigning, so each run locks only its own pool's
          // cursor: the four ways race each other on the members they share.
          const assignSteps: Record<Route, unknown> = {
            sales: { target: { type: 'team', teamId: ws.teams.Sales! }, logic: 'round_robin' },
            support: { target: { type: 'team', teamId: ws.teams.Support! }, logic: 'least_open' },
            everyone: { target: { type: 'workspace' }, logic: 'round_robin' },
            direct: { target: { type: 'user', userId: ws.users.Bea!.id } },
          };
          const workflowOf = new Map<Route, string>();
          for (const route of ROUTES) {
            const { id } = await createWorkflow(
              t,
              {
                name: `Assign ${route}`,
                definition: {
                  schemaVersion: 1,
                  trigger: {
                    id: 'trigger',
                    type: 'trigger',
                    config: { event: 'manual', conditions: [] },
                  },
                  steps: [{ id: 'assign', type: 'assign', config: assignSteps[route] }],
                  edges: [{ id: 'e0', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
                } as never,
              },
              null,
            );
            await publishWorkflow(t, id, null);
            workflowOf.set(route, id);
          }
          const inbound = [];
          for (const [i, route] of routes.entries()) {
            const m = await receiveInboundMessage(t, ws.channelId, {
              contact: { externalId: `cap-${i}` },
              text: 'hi',
            });
            inbound.push(
              await startManualRun(t, workflowOf.get(route)!, m.conversationId, { type: 'api' }),
            );
          }
          // 16 assigners at once, each its own transaction (as 16 workers). A deadlock victim
          // is retried, as the outbox relay retries an event whose batch failed.
          await Promise.all(
            inbound.map(async (m) => {
              for (let attempt = 0; ; attempt++) {
                try {
                  return await startRunsForEvents(handle.db, [
                    { workspaceId: ws.workspaceId, eventId: m.eventId },
                  ]);
                } catch (error) {
                  if (
                    attempt >= 5 ||
                    !/deadlock/i.test(
                      String((error as Error).message) +
                        String((error as { cause?: Error }).cause?.message),
                    )
                  )
                    throw error;
                }
              }
            }),
          );

          const capOf = (name: string) => {
            const caps = [
              ...(['Al', 'Bea', 'Cy'].includes(name) && salesCap !== null ? [salesCap] : []),
              ...(['Bea', 'Cy', 'Di'].includes(name) && supportCap !== null ? [supportCap] : []),
            ];
            return caps.length ? Math.min(...caps) : workspaceCap;
          };
          const rows = await handle.db
            .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
            .from(conversations)
            .where(
              and(eq(conversations.workspaceId, ws.workspaceId), eq(conversations.status, 'open')),
            )
            .groupBy(conversations.assigneeId);
          const open = new Map(rows.map((r) => [r.assigneeId, r.n]));
          const loads = new Map((await listMemberLoads(t)).map((l) => [l.userId, l]));
          for (const name of ['Admin', 'Al', 'Bea', 'Cy', 'Di']) {
            const userId = ws.users[name]!.id;
            const cap = capOf(name);
            const n = open.get(userId) ?? 0;
            if (cap !== null)
              expect(n, `${name}: ${n} open, capacity ${cap}`).toBeLessThanOrEqual(cap);
            expect(loads.get(userId)).toEqual({ userId, openCount: n, capacity: cap, capacityOverride: null });
          }
          // Not vacuous: whoever had room took work (every route reaches someone below capacity
          // unless its pool was full), so the number assigned is exactly what the pools allow.
          const assigned = rows.filter((r) => r.assigneeId !== null).reduce((a, r) => a + r.n, 0);
          expect(assigned).toBeGreaterThan(0);
          const counts = await handle.db
            .select()
            .from(memberOpenCounts)
            .where(eq(memberOpenCounts.workspaceId, ws.workspaceId));
          for (const c of counts) expect(c.openCount).toBe(open.get(c.userId) ?? 0);
        },
      ),
      { numRuns: 8 },
    );
  }, 240_000);
});

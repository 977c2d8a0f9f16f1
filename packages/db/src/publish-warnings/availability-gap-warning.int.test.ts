import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { WorkflowDefinitionInput } from '@baton/engine';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { availabilityChanges, conversations, teams } from '../schema';
import { getPublishWarnings } from './get-publish-warnings';

const handle = testDatabase();
afterAll(() => handle.close());

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('warnings from recorded history', () => {
  it('finds the nightly availability gap and the capacity peak of a team from recorded events', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Admin', role: 'admin' }, { name: 'Carol' }], teams: { Support: ['Carol'] } });
    const t = tenant(handle.db, ws.workspaceId);
    const support = ws.teams.Support!;
    await handle.db.update(teams).set({ maxOpen: 5 }).where(and(eq(teams.workspaceId, ws.workspaceId), eq(teams.id, support)));
    // The workspace is in UTC. The last 14 whole days: Carol online 07:00–22:00 each day, two conversations at 23:30.
    const today = Math.floor(Date.now() / DAY) * DAY;
    for (let d = 14; d >= 1; d--) {
      const day = today - d * DAY;
      await handle.db.insert(availabilityChanges).values([
        { workspaceId: ws.workspaceId, userId: ws.users.Carol!.id, availability: 'online', changedAt: new Date(day + 7 * HOUR) },
        { workspaceId: ws.workspaceId, userId: ws.users.Carol!.id, availability: 'offline', changedAt: new Date(day + 22 * HOUR) },
      ]);
      for (const n of [1, 2]) {
        const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${d}-${n}`, name: `Night ${d}` }, text: 'Anyone?' });
        await handle.db
          .update(conversations)
          .set({ openedAt: new Date(day + 23.5 * HOUR), teamId: support })
          .where(and(eq(conversations.workspaceId, ws.workspaceId), eq(conversations.id, inbound.conversationId)));
      }
    }
    const definition: WorkflowDefinitionInput = {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
      steps: [{ id: 'assign-support', type: 'assign', name: 'Assign Support', config: { target: { type: 'team', teamId: support }, onlyOnline: true } }],
      edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign-support' }],
    };
    const { id } = await createWorkflow(t, { name: 'Support', definition }, ws.users.Admin!.id);

    // "Now" pinned to the same day the history was written against (a run across midnight stays exact).
    const warnings = await getPublishWarnings(t, id, new Date(today + HOUR));
    const gap = warnings.find((w) => w.kind === 'availability_gap')!;
    expect(gap.message).toBe('Team Support had nobody online 22:00–07:00 on 14 of the last 14 days: about 2 conversations a day would reach "no one available" at step "Assign Support".');
    expect(gap.evidence).toContain('28 conversations opened in those hours.');
    const capacity = warnings.find((w) => w.kind === 'team_over_capacity')!;
    expect(capacity.message).toContain('Team Support can hold 5 open conversations, but held 28 at its peak in the last 14 days');
    expect(capacity.evidence[0]).toBe('Capacity: 5 per agent × 1 member = 5.');

    // Another workspace's workflow id is not found, not an empty list.
    const other = await createTestWorkspace(handle.db, { members: [{ name: 'Mallory', role: 'owner' }] });
    await expect(getPublishWarnings(tenant(handle.db, other.workspaceId), id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { getConversation } from '../conversations/get-conversation';
import { createContactField } from '../contacts/manage-contact-fields';
import { setMemberSkills } from '../identity/set-member-skills';
import { memberships, runSteps } from '../schema';
import { startRunsForEvents } from './start-runs-for-events';

const handle = testDatabase(3);
afterAll(() => handle.close());

describe('skills routing', () => {
  it('German-speaking contacts go only to agents with the German skill; fallback when none is online', async () => {
    const ws = await createTestWorkspace(handle.db, {
      members: [{ name: 'Admin', role: 'admin' as const }, { name: 'Hans' }, { name: 'Greta' }, { name: 'Eve' }, { name: 'Fallback' }],
      teams: { Support: ['Hans', 'Greta', 'Eve'], General: ['Fallback'] },
    });
    const t = tenant(handle.db, ws.workspaceId);
    await createContactField(t, { key: 'language', label: 'Language', type: 'select', options: ['de', 'en'] });
    await setMemberSkills(t, ws.users.Hans!.id, ['DE', 'billing']);
    await setMemberSkills(t, ws.users.Greta!.id, ['de']);
    const online = async (name: string, availability: 'online' | 'offline') =>
      handle.db.update(memberships).set({ availability }).where(and(eq(memberships.workspaceId, ws.workspaceId), eq(memberships.userId, ws.users[name]!.id)));
    for (const n of ['Hans', 'Greta', 'Eve', 'Fallback']) await online(n, 'online');
    const { id } = await createWorkflow(
      t,
      {
        name: 'By language',
        definition: {
          schemaVersion: 1,
          trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
          steps: [
            { id: 'skilled', type: 'assign', config: { target: { type: 'team', teamId: ws.teams.Support! }, skillField: 'language' } },
            { id: 'general', type: 'assign', config: { target: { type: 'team', teamId: ws.teams.General! } } },
          ],
          edges: [
            { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'skilled' },
            { id: 'e2', source: 'skilled', sourceHandle: 'no_skill_match', target: 'general' },
          ],
        },
      },
      null,
    );
    await publishWorkflow(t, id, null);
    const arrive = async (externalId: string, language: 'de' | 'en') => {
      const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId, fields: { language } }, text: 'Hallo' });
      await startRunsForEvents(handle.db, inbound.outboxEventIds.map((eventId) => ({ workspaceId: ws.workspaceId, eventId })));
      return (await getConversation(t, inbound.conversationId)).assigneeId;
    };
    const german = new Set<string | null>();
    for (let i = 0; i < 6; i++) german.add(await arrive(`de-${i}`, 'de'));
    // Round robin over the two German speakers only; Eve (no skill) never gets one.
    expect(german).toEqual(new Set([ws.users.Hans!.id, ws.users.Greta!.id]));
    // An English contact asks for "en", which nobody in Support has: the fallback team.
    expect(await arrive('en-1', 'en')).toBe(ws.users.Fallback!.id);

    // No German speaker online: the fallback, and the trace says who lacked which skill.
    await online('Hans', 'offline');
    await online('Greta', 'offline');
    expect(await arrive('de-late', 'de')).toBe(ws.users.Fallback!.id);
    // In the order they ran (each arrival is its own transaction): without an order the last row was any run's.
    const steps = await handle.db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.workspaceId, ws.workspaceId), eq(runSteps.stepId, 'skilled')))
      .orderBy(runSteps.startedAt);
    const last = steps.map((s) => s.decision as { explanation: string; requiredSkills?: string[]; candidates: Array<{ name: string; excludedReason?: string; missingSkills?: string[] }> }).at(-1)!;
    expect(steps.at(-1)!.output).toBe('no_skill_match');
    expect(last.requiredSkills).toEqual(['de']);
    expect(last.candidates.find((c) => c.name === 'Eve')).toMatchObject({ excludedReason: 'missing_skill', missingSkills: ['de'] });
    expect(last.candidates.find((c) => c.name === 'Hans')).toMatchObject({ excludedReason: 'offline' });
    expect(last.explanation).toContain('Eve lacks “de”');
  });
});

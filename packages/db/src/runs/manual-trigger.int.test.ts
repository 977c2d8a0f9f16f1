import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase, createTestWorkspace } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { getConversation } from '../conversations/get-conversation';
import { startRunsForEvent } from './start-runs-for-event';
import { startManualRun } from './start-manual-run';

const handle = testDatabase();
afterAll(() => handle.close());

describe('manual trigger', () => {
  it('starts only the named workflow on the conversation, and refuses a non-manual workflow', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }, { name: 'Bob' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const manual = (userId: string, name: string) =>
      createWorkflow(
        t,
        {
          name,
          definition: {
            schemaVersion: 1,
            trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
            steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'user', userId } } }],
            edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
          },
        },
        null,
      );
    const toAlice = await manual(ws.users.Alice!.id, 'To Alice');
    const toBob = await manual(ws.users.Bob!.id, 'To Bob');
    await publishWorkflow(t, toAlice.id, null);
    await publishWorkflow(t, toBob.id, null);
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'm1' }, text: 'hi' });

    const { eventId } = await startManualRun(t, toBob.id, inbound.conversationId, { type: 'api' });
    const runs = await startRunsForEvent(t, eventId);
    expect(runs).toHaveLength(1);
    expect((await getConversation(t, inbound.conversationId)).assigneeId).toBe(ws.users.Bob!.id);

    const opened = await createWorkflow(t, { name: 'Not manual' }, null);
    await expect(startManualRun(t, opened.id, inbound.conversationId, { type: 'api' })).rejects.toMatchObject({ code: 'conflict' });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reassignIfNoReply } from '@baton/engine';
import { testDatabase, createTestWorkspace } from '../../testing';
import { tenant } from '../../tenancy/tenant';
import { createWorkflow } from '../../workflows/create-workflow';
import { publishWorkflow } from '../../workflows/publish-workflow';
import { workflows } from '../../schema';
import { cachedVersionIds, definitionsOf } from './definition-cache';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('definitions left out of a batch statement as cached', () => {
  it('are read again when this process no longer has them, and cached from then on', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'A1' }], teams: { Sales: ['A1'], Support: ['A1'] } });
    const t = tenant(handle.db, ws.workspaceId);
    const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, waitMinutes: 15, secondTeamId: ws.teams.Support! });
    const { id } = await createWorkflow(t, { name: 'Cached', definition: definition as never }, null);
    await publishWorkflow(t, id, null);
    const [wf] = await handle.db.select({ versionId: workflows.publishedVersionId }).from(workflows).where(eq(workflows.id, id));
    const versionId = wf!.versionId!;
    expect(cachedVersionIds()).not.toContain(versionId);

    // As if a batch statement had found it in the list and sent null, then it was evicted.
    const read = await handle.db.transaction((tx) => definitionsOf(tx, [{ id: versionId, definition: null }]));
    expect(read.get(versionId)!.trigger.id).toBe(definition.trigger.id);
    expect(cachedVersionIds()).toContain(versionId);
    // Now cached: a null from the statement is served from memory.
    const again = await handle.db.transaction((tx) => definitionsOf(tx, [{ id: versionId, definition: null }]));
    expect(again.get(versionId)).toBe(read.get(versionId));
  });
});

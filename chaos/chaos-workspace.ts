// The workspace a fault run routes through: the seed workflow (assign Sales by round robin,
// online only → wait → still open and unanswered → assign Support → comment), with a short
// wait and everyone online, so every conversation must get exactly two assignments.
import { reassignIfNoReply } from '@baton/engine';
import { createApiKey, createWorkflow, publishWorkflow, tenant, type Database } from '@baton/db';
import { createTestWorkspace } from '@baton/db/testing';

export async function createChaosWorkspace(db: Database, waitSeconds: number) {
  const ws = await createTestWorkspace(db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Dan' }, { name: 'Carol' }, { name: 'Erin' }],
    teams: { Sales: ['Alice', 'Bob', 'Dan'], Support: ['Carol', 'Erin'] },
  });
  const t = tenant(db, ws.workspaceId);
  const definition = reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: { amount: waitSeconds, unit: 'seconds' } });
  const { id } = await createWorkflow(t, { name: 'Chaos handoff', definition }, ws.users.Admin!.id);
  await publishWorkflow(t, id, ws.users.Admin!.id);
  const key = await createApiKey(t, { name: 'chaos', createdBy: ws.users.Admin!.id });
  return { ...ws, t, workflowId: id, apiKey: key.plaintext };
}

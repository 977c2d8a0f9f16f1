// Bench tenants: each a workspace with Sales (4 online agents) and Support (2 online agents),
// the seed scenario published ("assign Sales by round robin → wait → if no reply, assign
// Support and comment"), a channel and an API key — what a real customer has.
import { createApiKey, createWorkflow, publishWorkflow, tenant, type Database } from '@baton/db';
import { createTestWorkspace } from '@baton/db/testing';
import { reassignIfNoReply, type Duration } from '@baton/engine';
import type { Target } from './load';

export type BenchWorkspace = Target & { teams: Record<string, string>; workflowId: string; adminId: string };

export async function createBenchWorkspace(db: Database, wait: Duration): Promise<BenchWorkspace> {
  const ws = await createTestWorkspace(db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'S1' }, { name: 'S2' }, { name: 'S3' }, { name: 'S4' }, { name: 'P1' }, { name: 'P2' }],
    teams: { Sales: ['S1', 'S2', 'S3', 'S4'], Support: ['P1', 'P2'] },
  });
  const t = tenant(db, ws.workspaceId);
  const adminId = ws.users.Admin!.id;
  const { id: workflowId } = await createWorkflow(
    t,
    { name: 'Reassign if no reply (bench)', definition: reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support!, duration: wait }) },
    adminId,
  );
  await publishWorkflow(t, workflowId, adminId);
  const key = await createApiKey(t, { name: 'bench', createdBy: adminId });
  return { workspaceId: ws.workspaceId, channelId: ws.channelId, apiKey: key.plaintext, teams: ws.teams, workflowId, adminId };
}

// Two workspaces for the security tests: A (the caller: one member per role, an API key)
// and B (the target: one of every object a route or action can name by id).
import { reassignIfNoReply } from '@baton/engine';
import {
  createApiKey,
  createWebhookSubscription,
  createContactField,
  createTag,
  createCannedReply,
  createSimulation,
  cancelSimulation,
  setWorkspaceSecret,
  createInvitation,
  createWorkflow,
  getWorkflow,
  publishWorkflow,
  saveSchedule,
  receiveInboundMessage,
  startRunsForEvent,
  tenant,
  type Database,
  type DatabaseHandle,
} from '@baton/db';
import { createFailedWebhookDelivery, createTestWorkspace, insertSlaPolicyRow } from '@baton/db/testing';

export async function createTwoWorkspaces(db: Database) {
  const a = await createTestWorkspace(db, {
    members: [
      { name: 'Owner', role: 'owner' },
      { name: 'Admin', role: 'admin' },
      { name: 'Lead', role: 'lead' },
      { name: 'Agent', role: 'agent' },
    ],
    teams: { Front: ['Agent'] },
  });
  const ta = tenant(db, a.workspaceId);
  const aKey = await createApiKey(ta, { name: 'A key', createdBy: a.users.Owner!.id });

  const b = await createTestWorkspace(db, {
    members: [{ name: 'Boss', role: 'owner' }, { name: 'Bea' }, { name: 'Cy' }],
    teams: { Sales: ['Bea'], Support: ['Cy'] },
  });
  const tb = tenant(db, b.workspaceId);
  const bKey = await createApiKey(tb, { name: 'B key', createdBy: b.users.Boss!.id });
  await createContactField(tb, { key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'] });
  await createTag(tb, 'vip');
  const cannedReply = await createCannedReply(tb, { name: 'B greeting', shortcut: 'hello', body: 'Hi {{contact.name}}' });
  const definition = reassignIfNoReply({
    firstTeamId: b.teams.Sales!,
    secondTeamId: b.teams.Support!,
    duration: { amount: 1, unit: 'hours' },
  });
  const wf = await createWorkflow(tb, { name: 'B flow', definition }, b.users.Boss!.id);
  await publishWorkflow(tb, wf.id, b.users.Boss!.id);
  const workflow = await getWorkflow(tb, wf.id);
  const inbound = await receiveInboundMessage(tb, b.channelId, { contact: { externalId: 'b-contact', name: 'B Customer' }, text: 'B secret text' });
  const runs = [];
  for (const eventId of inbound.outboxEventIds) runs.push(...(await startRunsForEvent(tb, eventId)));
  const run = runs[0]!;
  const invitation = await createInvitation(tb, { email: 'invitee-b@example.test', role: 'agent', invitedBy: b.users.Boss!.id });
  // Paused, with one failed delivery: no worker of a parallel test file ever sends or changes it.
  const hook = await createWebhookSubscription(tb, { name: 'B hook', url: 'https://hooks.example.test/b', events: ['conversation.opened'], active: false }, b.users.Boss!.id);
  const hookDeliveryId = await createFailedWebhookDelivery(db, b.workspaceId, hook.id);
  await setWorkspaceSecret(tb, { name: 'B_ONLY_TOKEN', value: 'b-secret-value' });
  // A team schedule for the business-hours actions to name (A must neither change nor delete it).
  const day = [{ start: '09:00', end: '17:00' }];
  await saveSchedule(tb, {
    teamId: b.teams.Sales!,
    timeZone: 'Europe/Berlin',
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: [],
  });
  // An SLA policy the SLA actions may name (A must neither change, move nor delete it).
  const slaPolicyId = await insertSlaPolicyRow(db, b.workspaceId, 'B policy');
  // A simulation the simulate actions may name, cancelled at once so no worker ever runs it.
  const simulation = await createSimulation(tb, wf.id, { from: new Date(Date.now() - 86_400_000), to: new Date(), seed: 1 }, b.users.Boss!.id);
  await cancelSimulation(tb, simulation.id);

  return {
    a: { ...a, apiKey: aKey.plaintext, apiKeyId: aKey.id },
    b: {
      ...b,
      apiKey: bKey.plaintext,
      apiKeyId: bKey.id,
      workflowId: wf.id,
      versionId: workflow.versions[0]!.id,
      conversationId: inbound.conversationId,
      runId: run.runId,
      waitSeq: run.wait?.waitSeq ?? 1,
      invitationId: invitation.id,
      invitationToken: invitation.token,
      webhookId: hook.id,
      webhookDeliveryId: hookDeliveryId,
      secretName: 'B_ONLY_TOKEN',
      cannedReplyId: cannedReply.id,
      slaPolicyId,
      simulationId: simulation.id,
    },
  };
}

export type TwoWorkspaces = Awaited<ReturnType<typeof createTwoWorkspaces>>;

/**
 * Everything workspace B holds, as one digest: a cross-tenant call that "wrote nothing"
 * leaves it unchanged. Tables are discovered, so a new tenant table is covered too.
 */
export async function workspaceDigest(handle: DatabaseHandle, workspaceId: string): Promise<Record<string, string>> {
  // The SLA sync queues are drained for every workspace by any worker (those of worker test
  // files running in parallel too), whenever: other processes' bookkeeping, not B's data.
  const tables = await handle.pool.query<{ table_name: string }>(
    `select table_name from information_schema.columns
     where table_schema = 'public' and column_name = 'workspace_id'
       and table_name not in ('sla_sync_queue', 'sla_recompute_requests') order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    // Reads bump last-used / last-seen timestamps; those are not writes of tenant data.
    const r = await handle.pool.query<{ digest: string }>(
      `select coalesce(md5(string_agg(j::text, '|' order by j::text)), '') as digest
       from (select to_jsonb(t) - 'last_used_at' - 'last_seen_at' as j from "${table_name}" t where workspace_id = $1) x`,
      [workspaceId],
    );
    out[table_name] = r.rows[0]!.digest;
  }
  const ws = await handle.pool.query<{ digest: string }>(`select md5(to_jsonb(w)::text) as digest from workspaces w where id = $1`, [workspaceId]);
  out.workspaces = ws.rows[0]!.digest;
  return out;
}

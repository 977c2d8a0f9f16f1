import { and, eq, inArray } from 'drizzle-orm';
import { channels, conversations, memberships, users, workflowRuns, workflows } from '../schema';
import { slaPausedSql } from '../sla/sla-paused';
import type { Tenant } from '../tenancy/tenant';
import { getConversation, type TimelinePage } from '../conversations/get-conversation';
import { requireVisibleConversation } from './can-view-conversation';
import type { InboxViewer } from './inbox-viewer';

/**
 * A conversation as the inbox shows it: the detail, the channel, the names of everyone in
 * its timeline, and the workflow behind each run that acted on it. Not found for an agent
 * outside its teams. The timeline is paged like getConversation's (latest page first).
 */
export async function getInboxConversation(t: Tenant, viewer: InboxViewer, conversationId: string, page: TimelinePage = {}) {
  await requireVisibleConversation(t, viewer, conversationId);
  const detail = await getConversation(t, conversationId, page);
  const userIds = new Set<string>();
  for (const m of detail.messages) if (m.authorUserId) userIds.add(m.authorUserId);
  for (const c of detail.comments) {
    if (c.authorUserId) userIds.add(c.authorUserId);
    for (const id of c.mentionUserIds) userIds.add(id);
  }
  for (const e of detail.events) for (const id of [e.actorUserId, e.fromUserId, e.toUserId]) if (id) userIds.add(id);
  const runIds = [
    ...new Set([...detail.events.map((e) => e.workflowRunId), ...detail.comments.map((c) => c.workflowRunId), ...detail.messages.map((m) => m.workflowRunId)].filter((id): id is string => Boolean(id))),
  ];
  const [people, runs, [channel], [sla]] = await Promise.all([
    userIds.size
      ? t.db
          .select({ id: users.id, name: users.name })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, t.workspaceId)))
          .where(inArray(users.id, [...userIds]))
      : Promise.resolve([]),
    runIds.length
      ? t.db
          .select({ runId: workflowRuns.id, workflowId: workflows.id, workflowName: workflows.name })
          .from(workflowRuns)
          .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
          .where(and(eq(workflowRuns.workspaceId, t.workspaceId), inArray(workflowRuns.id, runIds)))
      : Promise.resolve([]),
    t.db
      .select({ id: channels.id, name: channels.name, outboundUrl: channels.outboundUrl })
      .from(channels)
      .where(and(eq(channels.workspaceId, t.workspaceId), eq(channels.id, detail.channelId))),
    t.db
      .select({ dueAt: conversations.slaDueAt, paused: slaPausedSql })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, t.workspaceId), eq(conversations.id, conversationId))),
  ]);
  return {
    ...detail,
    /** The soonest due time of its running SLA clocks, and whether one is paused waiting on the customer. */
    sla: { dueAt: sla?.dueAt ?? null, paused: sla?.paused ?? false },
    channel: channel ? { id: channel.id, name: channel.name, delivers: Boolean(channel.outboundUrl) } : null,
    userNames: Object.fromEntries(people.map((p) => [p.id, p.name])) as Record<string, string>,
    runs: Object.fromEntries(runs.map((r) => [r.runId, { workflowId: r.workflowId, workflowName: r.workflowName }])) as Record<
      string,
      { workflowId: string; workflowName: string }
    >,
  };
}
export type InboxConversation = Awaited<ReturnType<typeof getInboxConversation>>;

import 'server-only';
import type { InboxConversation } from '@baton/db';
import type { ConversationView, RunRef, TimelineItem } from '@/components/inbox/inbox-types';

type Event = InboxConversation['events'][number];

/**
 * Messages, internal comments and the event log, merged into one timeline, with each
 * event written as a sentence: "Reassigned from Alice to Bob by workflow 'Fast handoff'".
 */
export function toConversationView(c: InboxConversation, viewerId: string): ConversationView {
  const name = (id: string | null) => (id ? (c.userNames[id] ?? 'a former member') : null);
  const run = (id: string | null): RunRef | null => {
    if (!id) return null;
    return { id, workflowName: c.runs[id]?.workflowName ?? 'a workflow' };
  };
  const contactName = c.contact.name ?? c.contact.externalId;
  const byWhom = (e: Event) => {
    if (e.actorType === 'workflow') return `by workflow '${run(e.workflowRunId)?.workflowName}'`;
    if (e.actorType === 'user') return `by ${e.actorUserId === viewerId ? 'you' : name(e.actorUserId)}`;
    if (e.actorType === 'api') return 'through the API';
    if (e.actorType === 'contact') return `by ${contactName}`;
    return '';
  };
  const sentence = (e: Event): string => {
    const to = e.toUserId === viewerId ? 'you' : name(e.toUserId);
    switch (e.type) {
      case 'opened':
        return `Conversation opened ${byWhom(e)}`;
      case 'reopened':
        return `Reopened ${byWhom(e)}`;
      case 'closed':
        return `Closed ${byWhom(e)}`;
      case 'assigned':
        return `Assigned to ${to} ${byWhom(e)}`;
      case 'reassigned':
        return `Reassigned from ${name(e.fromUserId)} to ${to} ${byWhom(e)}`;
      case 'unassigned':
        return `Unassigned from ${name(e.fromUserId)} ${byWhom(e)}`;
      case 'queued':
        return `${e.fromUserId ? `Taken from ${name(e.fromUserId)} and queued` : 'Queued'} ${byWhom(e)}`;
      case 'sla.warning':
        return 'SLA warning';
      case 'sla.breached':
        return 'SLA breached';
      default:
        return e.type;
    }
  };
  const detail = (e: Event): string | null => {
    const explanation = typeof e.data?.explanation === 'string' ? e.data.explanation : null;
    const reason = e.reason && e.reason !== explanation ? e.reason : null;
    return [reason, explanation].filter(Boolean).join(' — ') || null;
  };

  const timeline: TimelineItem[] = [
    ...c.messages.map(
      (m): TimelineItem => ({
        kind: 'message',
        id: m.id,
        at: m.createdAt.toISOString(),
        direction: m.direction,
        text: m.text,
        authorName: m.direction === 'incoming' ? contactName : m.automated ? `Workflow '${run(m.workflowRunId)?.workflowName ?? 'unknown'}'` : name(m.authorUserId),
        viaApi: m.via === 'api',
        automated: m.automated ? (run(m.workflowRunId) ?? { id: '', workflowName: 'a workflow' }) : null,
        delivery: m.deliveryStatus
          ? { status: m.deliveryStatus, attempts: m.deliveryAttempts, error: m.deliveryError, deliveredAt: m.deliveredAt?.toISOString() ?? null }
          : null,
      }),
    ),
    ...c.comments.map(
      (cm): TimelineItem => ({
        kind: 'comment',
        id: cm.id,
        at: cm.createdAt.toISOString(),
        body: cm.body,
        authorName: cm.authorUserId ? (name(cm.authorUserId) ?? 'Someone') : `Workflow '${run(cm.workflowRunId)?.workflowName ?? 'unknown'}'`,
        run: run(cm.workflowRunId),
        mentionsViewer: cm.mentionUserIds.includes(viewerId),
      }),
    ),
    ...c.events.map(
      (e): TimelineItem => ({
        kind: 'event',
        id: e.id,
        at: e.createdAt.toISOString(),
        type: e.type,
        text: sentence(e),
        detail: detail(e),
        run: run(e.workflowRunId),
      }),
    ),
  ];
  // Same instant (one transaction): the event that explains a change goes before the comment about it.
  const order = { event: 0, message: 1, comment: 2 } as const;
  timeline.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind]);

  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    contact: { name: contactName, externalId: c.contact.externalId, email: c.contact.email, fields: c.contact.fields, tags: c.contact.tags },
    channel: c.channel,
    assigneeId: c.assigneeId,
    assigneeName: c.assigneeName,
    teamId: c.teamId,
    teamName: c.teamName,
    openedAt: c.openedAt.toISOString(),
    firstResponseMs: c.firstResponseMs,
    sla: c.status === 'open' ? { dueAt: c.sla.dueAt?.toISOString() ?? null, paused: c.sla.paused } : { dueAt: null, paused: false },
    timeline,
    olderBefore: c.olderBefore,
  };
}

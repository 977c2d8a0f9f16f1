// What the inbox's client components receive: plain JSON, times as ISO strings.

export type InboxViewKey = 'mine' | 'teams' | 'unassigned' | 'all' | 'mentions' | 'closed';

export type InboxFilters = {
  view: InboxViewKey;
  channelId?: string;
  teamId?: string;
  assigneeId?: string;
  q?: string;
  /** Newest activity first (default) or the soonest SLA due time first. */
  sort?: 'activity' | 'due';
};

export type InboxListItem = {
  id: string;
  status: 'open' | 'closed';
  contactName: string;
  channelName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  teamName: string | null;
  preview: string | null;
  lastActivityAt: string;
  /** The customer wrote last and nobody has answered since. */
  awaitingReply: boolean;
  unread: boolean;
  /** The soonest due time of its running SLA clocks (past: breached); null: no clock. */
  slaDueAt?: string | null;
  /** An SLA clock is paused while the conversation waits on the customer (no due time until they write). */
  slaPaused?: boolean;
  /** Waiting in an assignment queue: which, its place (1 = next), since when. */
  queue?: { name: string; position: number; queuedAt: string } | null;
};

export type InboxCountsView = { mine: number; teams: number; unassigned: number; all: number; mentions: number; unreadMine: number };

export type InboxPageData = { items: InboxListItem[]; nextCursor: string | null; counts: InboxCountsView };

export type RunRef = { id: string; workflowName: string };

export type TimelineItem =
  | {
      kind: 'message';
      id: string;
      at: string;
      direction: 'incoming' | 'outgoing';
      text: string;
      authorName: string | null;
      /** Sent by an integration with an API key on behalf of the author. */
      viaApi: boolean;
      /** Sent by a workflow's send-message step (no user author); the run that sent it. */
      automated: RunRef | null;
      delivery: { status: 'pending' | 'delivered' | 'failed'; attempts: number; error: string | null; deliveredAt: string | null } | null;
    }
  | { kind: 'comment'; id: string; at: string; body: string; authorName: string; run: RunRef | null; mentionsViewer: boolean }
  | { kind: 'event'; id: string; at: string; type: string; text: string; detail: string | null; run: RunRef | null };

export type ConversationView = {
  id: string;
  status: 'open' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  contact: { name: string; externalId: string; email: string | null; fields: Record<string, string>; tags: string[] };
  channel: { id: string; name: string; delivers: boolean } | null;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  openedAt: string;
  firstResponseMs: number | null;
  /** Its SLA as the list shows it: the soonest due time of its running clocks; paused waiting on the customer. */
  sla: { dueAt: string | null; paused: boolean };
  timeline: TimelineItem[];
  /** Cursor for "load earlier": the timeline holds everything from this instant on; null when it is complete. */
  olderBefore: string | null;
};

/** A canned reply as the composer's `/` list offers it (body with {{variables}} still in). */
export type CannedReplyOption = { id: string; name: string; shortcut: string; body: string };

export type MemberOption = { userId: string; name: string; availability: 'online' | 'away' | 'offline'; teamIds: string[] };
export type Option = { id: string; name: string };

/** What the contact panel offers: the workspace's definitions and its manual workflows. */
export type ContactSchema = {
  fields: Array<{ key: string; label: string; type: 'text' | 'number' | 'select' | 'date'; options: string[] }>;
  tags: string[];
};
export type ContactUpdate = {
  fields?: Record<string, string | null>;
  addTags?: string[];
  removeTags?: string[];
  priority?: ConversationView['priority'];
};

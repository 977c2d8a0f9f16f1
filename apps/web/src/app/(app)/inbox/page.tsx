import type { Metadata } from 'next';
import {
  countInboxViews,
  getInboxConversation,
  inboxQuerySchema,
  listCannedReplies,
  listChannels,
  listInbox,
  listManualWorkflows,
  listMembers,
  loadContactDefinitions,
  listTeams,
  markConversationRead,
  seesAllConversations,
} from '@baton/db';
import { requireMember } from '@/server/auth';
import { inboxViewer } from '@/server/inbox/inbox-viewer';
import { toInboxPageData } from '@/server/inbox/to-inbox-items';
import { toConversationView } from '@/server/inbox/to-conversation-view';
import { InboxApp } from '@/components/inbox/inbox-app';
import type { InboxFilters } from '@/components/inbox/inbox-types';

export const metadata: Metadata = { title: 'Inbox · Baton' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const m = await requireMember('conversations.viewOwn');
  const viewer = inboxViewer(m);
  const sp = await searchParams;
  // A bad filter in a pasted URL falls back to the default view rather than an error page.
  const parsed = inboxQuerySchema.safeParse({
    view: one(sp.view),
    channelId: one(sp.channel),
    teamId: one(sp.team),
    assigneeId: one(sp.assignee),
    q: one(sp.q),
    sort: one(sp.sort),
  });
  const query = parsed.success ? parsed.data : inboxQuerySchema.parse({});
  const filters: InboxFilters = { view: query.view, channelId: query.channelId, teamId: query.teamId, assigneeId: query.assigneeId, q: query.q, sort: query.sort };
  const selected = one(sp.c);

  const [page, counts, members, teams, channels, conversation, contactSchema, manualWorkflows, cannedReplies] = await Promise.all([
    listInbox(m.tenant, viewer, filters),
    countInboxViews(m.tenant, viewer),
    listMembers(m.tenant),
    listTeams(m.tenant),
    listChannels(m.tenant),
    selected ? getInboxConversation(m.tenant, viewer, selected).catch(() => null) : Promise.resolve(null),
    loadContactDefinitions(m.tenant),
    listManualWorkflows(m.tenant),
    listCannedReplies(m.tenant),
  ]);
  if (conversation) await markConversationRead(m.tenant, viewer.userId, conversation.id);

  return (
    <InboxApp
      viewerId={viewer.userId}
      seesAll={seesAllConversations(viewer)}
      initialFilters={filters}
      initialPage={toInboxPageData(page, counts)}
      initialConversation={conversation ? toConversationView(conversation, viewer.userId) : null}
      channels={channels.map((c) => ({ id: c.id, name: c.name }))}
      teams={teams.map((t) => ({ id: t.id, name: t.name }))}
      members={members.map((mb) => ({ userId: mb.userId, name: mb.name, availability: mb.availability, teamIds: mb.teams.map((t) => t.id) }))}
      contactSchema={contactSchema}
      manualWorkflows={manualWorkflows}
      cannedReplies={cannedReplies}
    />
  );
}

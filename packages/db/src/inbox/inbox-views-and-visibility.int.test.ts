import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addComment,
  assignConversation,
  closeConversation,
  countInboxViews,
  getInboxConversation,
  listInbox,
  markConversationRead,
  receiveInboundMessage,
  tenant,
  type InboxViewer,
  type Tenant,
} from '../index';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '../testing';

const handle = testDatabase(5);
afterAll(() => handle.close());

let ws: TestWorkspace;
let t: Tenant;
const conv: Record<string, string> = {};
const viewer = (name: string, role: InboxViewer['role'] = 'agent'): InboxViewer => ({ userId: ws.users[name]!.id, role });
const names = async (v: InboxViewer, q: Parameters<typeof listInbox>[2] = {}) =>
  (await listInbox(t, v, { limit: 100, ...q })).items.map((i) => i.contactName).sort();

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lead', role: 'lead' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Carol' }],
    teams: { Sales: ['Alice', 'Bob'], Support: ['Carol'] },
  });
  t = tenant(handle.db, ws.workspaceId);
  const open = async (name: string, text: string) => {
    const r = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: name, name }, text });
    conv[name] = r.conversationId;
  };
  await open('Dana', 'Can I change my plan?');
  await open('Fox', 'Invoice has the wrong VAT number');
  await open('Walter', 'Nonprofit discount?');
  await open('Scully', 'Refund please');
  await open('Krycek', 'Old ticket');
  const by = ws.users.Lead!.id;
  await assignConversation(t, conv.Dana!, { assigneeId: ws.users.Alice!.id, teamId: ws.teams.Sales!, actorUserId: by });
  await assignConversation(t, conv.Fox!, { assigneeId: ws.users.Carol!.id, teamId: ws.teams.Support!, actorUserId: by });
  await assignConversation(t, conv.Scully!, { assigneeId: null, teamId: ws.teams.Sales!, actorUserId: by });
  await assignConversation(t, conv.Krycek!, { assigneeId: ws.users.Bob!.id, teamId: ws.teams.Sales!, actorUserId: by });
  await closeConversation(t, conv.Krycek!, { type: 'user', userId: by });
  // Carol asks Bob to look at Fox's conversation: a mention lets Bob see it.
  await addComment(t, conv.Fox!, { userId: ws.users.Carol!.id, body: '@Bob do you know this customer?', mentionUserIds: [ws.users.Bob!.id] });
});

describe('inbox views and who sees what', () => {
  it('Mine, My teams, Unassigned, Mentions and Closed for an agent', async () => {
    expect(await names(viewer('Alice'), { view: 'mine' })).toEqual(['Dana']);
    expect(await names(viewer('Alice'), { view: 'teams' })).toEqual(['Dana', 'Scully']);
    expect(await names(viewer('Alice'), { view: 'unassigned' })).toEqual(['Scully']);
    expect(await names(viewer('Bob'), { view: 'mentions' })).toEqual(['Fox']);
    expect(await names(viewer('Bob'), { view: 'closed' })).toEqual(['Krycek']);
  });

  it('an agent sees their own, their teams’ and what they were mentioned on, never the rest', async () => {
    // Walter (no team, unassigned) and Fox (Support) are not Alice's business.
    expect(await names(viewer('Alice'), { view: 'all' })).toEqual(['Dana', 'Scully']);
    expect(await names(viewer('Bob'), { view: 'all' })).toEqual(['Dana', 'Fox', 'Scully']);
    expect(await names(viewer('Carol'), { view: 'all' })).toEqual(['Fox']);
    await expect(getInboxConversation(t, viewer('Alice'), conv.Fox!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getInboxConversation(t, viewer('Carol'), conv.Fox!)).resolves.toMatchObject({ id: conv.Fox });
  });

  it('leads see everything, including unassigned conversations with no team', async () => {
    expect(await names(viewer('Lead', 'lead'), { view: 'all' })).toEqual(['Dana', 'Fox', 'Scully', 'Walter']);
    expect(await names(viewer('Lead', 'lead'), { view: 'unassigned' })).toEqual(['Scully', 'Walter']);
    expect(await names(viewer('Lead', 'admin'), { view: 'closed' })).toEqual(['Krycek']);
  });

  it('filters by channel, team and assignee', async () => {
    const lead = viewer('Lead', 'lead');
    expect(await names(lead, { view: 'all', teamId: ws.teams.Sales })).toEqual(['Dana', 'Scully']);
    expect(await names(lead, { view: 'all', assigneeId: ws.users.Carol!.id })).toEqual(['Fox']);
    expect(await names(lead, { view: 'all', assigneeId: 'none' })).toEqual(['Scully', 'Walter']);
    expect(await names(lead, { view: 'all', channelId: ws.channelId })).toHaveLength(4);
  });

  it('searches contact names and message text, case-insensitively, with % and _ taken literally', async () => {
    const lead = viewer('Lead', 'lead');
    expect(await names(lead, { view: 'all', q: 'dan' })).toEqual(['Dana']);
    expect(await names(lead, { view: 'all', q: 'vat NUMBER' })).toEqual(['Fox']);
    expect(await names(lead, { view: 'all', q: '%' })).toEqual([]);
    // An agent's search never reaches outside what they may see.
    expect(await names(viewer('Alice'), { view: 'all', q: 'vat' })).toEqual([]);
  });

  it('counts open conversations per view', async () => {
    expect(await countInboxViews(t, viewer('Alice'))).toMatchObject({ mine: 1, teams: 2, unassigned: 1, all: 2, mentions: 0 });
    expect(await countInboxViews(t, viewer('Bob'))).toMatchObject({ mine: 0, teams: 2, all: 3, mentions: 1 });
    expect(await countInboxViews(t, viewer('Lead', 'lead'))).toMatchObject({ all: 4, unassigned: 2 });
  });

  it('marks a conversation unread until the member opens it, and again after new activity', async () => {
    const alice = viewer('Alice');
    const dana = async () => (await listInbox(t, alice, { view: 'mine' })).items.find((i) => i.id === conv.Dana)!;
    expect((await dana()).unread).toBe(true);
    await markConversationRead(t, alice.userId, conv.Dana!);
    expect((await dana()).unread).toBe(false);
    await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'Dana', name: 'Dana' }, text: 'Any news?' });
    expect((await dana()).unread).toBe(true);
    expect((await countInboxViews(t, alice)).unreadMine).toBe(1);
  });

  it('refuses to mark another workspace’s conversation read (security review #13)', async () => {
    const other = await createTestWorkspace(handle.db, { members: [{ name: 'Eve' }] });
    const theirs = (await receiveInboundMessage(tenant(handle.db, other.workspaceId), other.channelId, { contact: { externalId: 'x' }, text: 'hi' })).conversationId;
    await expect(markConversationRead(t, viewer('Alice').userId, theirs)).rejects.toMatchObject({ code: 'not_found' });
    const rows = await handle.pool.query('select count(*)::int as n from conversation_reads where conversation_id = $1', [theirs]);
    expect(rows.rows[0].n).toBe(0);
  });
});

describe('inbox pagination', () => {
  it('walks every conversation exactly once, newest activity first, across pages', async () => {
    const big = await createTestWorkspace(handle.db, { members: [{ name: 'Lead', role: 'lead' }] });
    const bt = tenant(handle.db, big.workspaceId);
    // Same-millisecond activity is the case a ms cursor gets wrong; insert in bulk with ties.
    await handle.pool.query(
      `with c as (insert into contacts (workspace_id, channel_id, external_id, name)
                  select $1, $2, 'bulk-' || g, 'Bulk ' || g from generate_series(1, 95) g returning id, name)
       insert into conversations (workspace_id, channel_id, contact_id, opened_by, last_activity_at, last_message_preview)
       select $1, $2, c.id, 'contact', '2030-01-01T00:00:00Z'::timestamptz - ((row_number() over ()) / 3) * interval '1 microsecond', c.name from c`,
      [big.workspaceId, big.channelId],
    );
    const lead = { userId: big.users.Lead!.id, role: 'lead' as const };
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(bt, lead, { view: 'all', limit: 20, cursor });
      seen.push(...page.items.map((i) => i.id));
      for (let i = 1; i < page.items.length; i++) {
        expect(page.items[i - 1]!.lastActivityAt.getTime()).toBeGreaterThanOrEqual(page.items[i]!.lastActivityAt.getTime());
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(95);
    expect(new Set(seen).size).toBe(95);
  });

  it('ignores a forged cursor instead of failing', async () => {
    await expect(listInbox(t, viewer('Lead', 'lead'), { view: 'all', cursor: 'not-a-cursor' })).resolves.toMatchObject({ items: expect.any(Array) });
  });
});

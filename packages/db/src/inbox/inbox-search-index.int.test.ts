// Inbox search uses trigram indexes (security review #9): a search that matches nothing
// must not read every message of the workspace. The plan of the query listInbox actually
// sends is checked with EXPLAIN against a workspace with 20,000 messages (long, repetitive
// texts: enough pages for the planner to prefer the index, cheap to index).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../schema';
import { listInbox, receiveInboundMessage, tenant, type InboxViewer } from '../index';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '../testing';

const handle = testDatabase(3);
let ws: TestWorkspace;
let lead: InboxViewer;
let needleConversation: string;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Lead', role: 'lead' }] });
  lead = { userId: ws.users.Lead!.id, role: 'lead' };
  const t = tenant(handle.db, ws.workspaceId);
  const hay = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'hay', name: 'Hay Stack' }, text: 'hello' })).conversationId;
  needleConversation = (await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'n', name: 'Nora' }, text: 'my order zq-needle-7781 is late' })).conversationId;
  await handle.pool.query(
    `insert into messages (workspace_id, conversation_id, channel_id, direction, text)
     select $1, $2, $3, 'incoming', repeat('the customer asks about an invoice again ', 25) || g from generate_series(1, 20000) g`,
    [ws.workspaceId, hay, ws.channelId],
  );
  await handle.pool.query('analyze messages');
  await handle.pool.query('analyze contacts');
});
afterAll(() => handle.close());

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
async function planNodes(search: { query: string; params: unknown[] }): Promise<PlanNode[]> {
  const [row] = (await handle.pool.query(`explain (format json) ${search.query}`, search.params)).rows;
  const out: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    out.push(n);
    n.Plans?.forEach(walk);
  };
  walk(row['QUERY PLAN'][0].Plan);
  return out;
}

/** listInbox through a logging drizzle instance: the exact SQL and parameters it sends. */
async function searchQuery(q: string) {
  const sent: Array<{ query: string; params: unknown[] }> = [];
  const logged = drizzle(handle.pool, { schema, logger: { logQuery: (query, params) => void sent.push({ query, params }) } });
  const page = await listInbox(tenant(logged, ws.workspaceId), lead, { q, view: 'all' });
  const search = sent.find((s) => s.query.includes('ilike'));
  if (!search) throw new Error('listInbox sent no search query');
  return { page, search };
}

describe('inbox search', () => {
  it('finds message text through the trigram index (EXPLAIN), not by reading every message', async () => {
    const { page, search } = await searchQuery('ZQ-NEEDLE-7781');
    expect(page.items.map((i) => i.id)).toEqual([needleConversation]);
    const nodes = await planNodes(search);
    expect(nodes.some((n) => n['Index Name'] === 'messages_text_trgm_idx')).toBe(true);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'messages')).toEqual([]);
  });

  it('a search that matches nothing is answered from the index too', async () => {
    const { page, search } = await searchQuery('nothing-like-this-anywhere');
    expect(page.items).toEqual([]);
    const nodes = await planNodes(search);
    expect(nodes.some((n) => n['Index Name'] === 'messages_text_trgm_idx')).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../client';
import { pipelinedTransaction } from '../../batching/pipelined-transaction';
import { channels, workflows } from '../../schema';
import { toWorkspaceId } from '../../tenancy/workspace-id';
import { notFound } from '../../tenancy/errors';
import { inWorkspacePairs, keyOf } from '../../sql/json-recordset';
import { contactKey, messageKey, type InboundItem, type InboundOutcome, type Indexed } from './inbound-message';
import { splitIntoRounds } from './split-into-rounds';
import { duplicateOutcome, findDuplicateMessages, type StoredMessage } from './find-duplicate-messages';
import {
  issueOpenConversations,
  openOrLockConversations,
  placeConversations,
  type OpenRow,
  type Placement,
} from './open-or-lock-conversations';
import { executeNamedQuery } from '../../sql/named-statement';
import { storeInboundRound } from './store-inbound-round.sql';
import { checkInboundContacts, writeInboundContacts, type InboundContactChanges } from './inbound-contact-changes';
import {
  issueClaim,
  startRunsInTransaction,
  type EventRef,
  type EventRunsResult,
  type IssuedClaim,
} from '../../runs/start-runs-for-events';
import { withPoolHints } from '../../runs/batch/pool-hints';

export type { InboundItem, InboundOutcome } from './inbound-message';

/**
 * Customer messages of any workspaces and channels, stored in one transaction: per message
 * the same rows and events as one-by-one handling (contact upserted, conversation opened
 * when the contact has none open — or the open one locked —, the message stored once per
 * external id, conversation.opened / message.received outbox events), in about ten
 * statements per batch. One message's failure (unknown channel) is its own outcome and
 * does not fail the others.
 */
export function receiveInboundMessages(
  db: Executor,
  items: readonly InboundItem[],
): Promise<InboundOutcome[]> {
  for (const item of items) toWorkspaceId(item.workspaceId);
  if (items.length === 0) return Promise.resolve([]);
  return pipelinedTransaction(db, (tx) => receiveInTransaction(tx, items, true));
}

export type InboundWithRuns = { outcomes: InboundOutcome[]; runs: EventRunsResult[] };

/**
 * The API's path: the messages as above, and in the same transaction the runs their events
 * start (claimed, so the worker's copy of the event finds nothing to do) — one commit from
 * request to assignment, no queue hop between them (issue #20, bench/notes.md session 8).
 * The caller hands the runs' timers and events to the queue after commit, as the worker does.
 */
export function receiveInboundMessagesAndStartRuns(
  db: Executor,
  items: readonly InboundItem[],
): Promise<InboundWithRuns> {
  for (const item of items) toWorkspaceId(item.workspaceId);
  if (items.length === 0) return Promise.resolve({ outcomes: [], runs: [] });
  // A workflow republished with other pools since this process last saw it: the transaction
  // is rolled back and stored again without the pool prediction (withPoolHints).
  return withPoolHints((hinted) =>
    pipelinedTransaction(db, async (tx) => {
      // The claim of the batch's events leaves in the same write as the statement that stores
      // them, when no later statement of the batch writes events (one round trip fewer).
      let issued: IssuedClaim | undefined;
      const outcomes = await receiveInTransaction(tx, items, false, (events) => {
        issued = issueClaim(tx, events, hinted);
      });
      const refs = outcomes.flatMap((o, i) =>
        o.ok && !o.result.duplicate ? o.result.outboxEventIds.map((eventId) => ({ workspaceId: items[i]!.workspaceId, eventId })) : [],
      );
      return { outcomes, runs: await startRunsInTransaction(tx, refs, { poolHints: hinted, issued }) };
    }),
  );
}

/**
 * Called right after the batch's only store statement is issued (before its answer), with the
 * outbox events it writes, when nothing else of the batch writes events: a single round (no
 * contact wrote twice) without contact changes. The caller may pipeline a statement behind it.
 */
type AfterLastStore = (events: EventRef[]) => void;

/**
 * The first round's statement issued with the channel check, for the whole round before unknown
 * channels were set aside: its open statement (no external ids: nothing to find first; the
 * statement skips unknown channels itself), or else its duplicate check.
 */
type FirstRoundAhead = { opening?: Promise<{ rows: OpenRow[] }>; duplicates?: Promise<Map<string, StoredMessage>> };

async function receiveInTransaction(
  tx: Tx,
  items: readonly InboundItem[],
  /** Nothing follows in the transaction: COMMIT may leave with the last write. */
  lastWriteCommits: boolean,
  afterLastStore?: AfterLastStore,
): Promise<InboundOutcome[]> {
  const out: InboundOutcome[] = new Array(items.length);
  const indexed = items.map((item, index) => ({ ...item, index }));
  // Issued now, named (planned once per connection): the first round's statements can follow
  // it in the same round trip.
  const knownPending = executeNamedQuery(
    tx
      .select({
        workspaceId: channels.workspaceId,
        id: channels.id,
        // Whether a published workflow starts on every message (then each gets an event).
        // Qualified by hand: drizzle leaves columns of a single-table select unqualified.
        listens: sql<boolean>`exists (select 1 from ${workflows} w where w.workspace_id = channels.workspace_id and w.status = 'published' and w.trigger_event = 'message.received')`,
      })
      .from(channels)
      .where(
        inWorkspacePairs(
          channels.workspaceId,
          channels.id,
          items.map((i) => ({ workspaceId: i.workspaceId, id: i.channelId })),
        ),
      ),
  );
  // The first round's next statement leaves with the channel check when no contact fields or
  // tags need their definitions read first: without external ids its open statement (it skips
  // unknown channels itself), with them its duplicate check (a read; the open follows it).
  const firstRound = splitIntoRounds(indexed)[0] ?? [];
  let first: FirstRoundAhead | undefined;
  if (firstRound.length > 0 && indexed.every((i) => !i.input.contact.fields && !i.input.contact.tags))
    first = indexed.every((i) => !i.input.externalId)
      ? { opening: issueOpenConversations(tx, firstRound) }
      : { duplicates: findDuplicateMessages(tx, firstRound) };
  // Awaited later (or never, when the batch fails first): no unhandled rejection meanwhile.
  first?.opening?.catch(() => {});
  first?.duplicates?.catch(() => {});
  const known = await knownPending;
  const knownKeys = new Set(known.map((c) => keyOf(c.workspaceId, c.id)));
  const withTrigger = new Set(known.filter((c) => c.listens).map((c) => c.workspaceId));
  for (const item of indexed)
    if (!knownKeys.has(keyOf(item.workspaceId, item.channelId)))
      out[item.index] = { ok: false, error: notFound('Channel') };
  const changes = await checkInboundContacts(tx, indexed.filter((i) => !out[i.index]), out);
  const rounds = splitIntoRounds(indexed.filter((i) => !out[i.index]));
  const single = rounds.length === 1 && changes.size === 0 ? afterLastStore : undefined;
  for (const [i, round] of rounds.entries())
    await receiveRound(tx, round, out, withTrigger, changes, lastWriteCommits && i === rounds.length - 1, single, i === 0 ? first : undefined);
  return out;
}

async function receiveRound(
  tx: Tx,
  round: Indexed[],
  out: InboundOutcome[],
  withTrigger: Set<string>,
  changes: InboundContactChanges,
  /** The transaction's last round: its COMMIT may leave with the round's last write. */
  last: boolean,
  afterStore?: AfterLastStore,
  ahead?: FirstRoundAhead,
): Promise<void> {
  const seen = ahead?.opening ? new Map<string, StoredMessage>() : await (ahead?.duplicates ?? findDuplicateMessages(tx, round));
  const fresh: Indexed[] = [];
  for (const item of round) {
    const s = messageKey(item) ? seen.get(messageKey(item)!) : undefined;
    if (s) out[item.index] = duplicateOutcome(s);
    else fresh.push(item);
  }
  if (fresh.length === 0) return;

  const placed: Array<Placement & { conversationId: string; messageId: string; evOpen: string | null; evMsg: string | null }> = [];
  const placements = ahead?.opening
    ? await placeIssued(tx, fresh, await ahead.opening, out)
    : await openOrLockConversations(tx, fresh);
  for (const p of placements) {
    if (!p.conversationId)
      out[p.item.index] = { ok: false, error: new Error('open conversation vanished between insert and select') };
    else
      placed.push({
        ...p,
        conversationId: p.conversationId,
        messageId: randomUUID(),
        evOpen: p.opened ? randomUUID() : null,
        evMsg: withTrigger.has(p.item.workspaceId) ? randomUUID() : null,
      });
  }
  if (placed.length === 0) return;

  const storing = storeInboundRound(
    tx,
    placed.map((p) => ({
      mid: p.messageId,
      w: p.item.workspaceId,
      conv: p.conversationId,
      ch: p.item.channelId,
      text: p.item.input.text,
      ext: p.item.input.externalId ?? null,
      preview: p.item.input.text.slice(0, 140),
      opened: p.opened,
      ev_open: p.evOpen,
      ev_msg: p.evMsg,
    })),
    // Contact changes follow in this transaction: the round's write is not its last statement.
    last && !placed.some((p) => changes.has(p.item.index)),
  );
  afterStore?.(
    placed.flatMap((p) =>
      [p.evOpen, p.evMsg].flatMap((eventId) => (eventId ? [{ workspaceId: p.item.workspaceId, eventId }] : [])),
    ),
  );
  const stored = await storing;
  // A concurrent delivery of the same external id won the insert: acknowledge theirs.
  const lost = placed.filter((p) => !stored.has(p.messageId));
  if (lost.length) {
    const winners = await findDuplicateMessages(tx, lost.map((p) => p.item));
    for (const p of lost) out[p.item.index] = duplicateOutcome(winners.get(messageKey(p.item)!)!);
  }
  const contactEvents = await writeInboundContacts(tx, placed.filter((x) => stored.has(x.messageId)), changes);
  for (const p of placed.filter((x) => stored.has(x.messageId)))
    out[p.item.index] = {
      ok: true,
      result: {
        conversationId: p.conversationId,
        contactId: p.contactId,
        messageId: p.messageId,
        openedConversation: p.opened,
        duplicate: false,
        outboxEventIds: [p.evOpen, p.evMsg, ...(contactEvents.get(p.item.index) ?? [])].filter((id): id is string => id !== null),
      },
    };
}

/**
 * Placements of a round whose open statement left with the channel check: it was issued for
 * the round before unknown channels were set aside; its statement skipped them. A channel the
 * check saw but the statement did not (deleted in between) is unknown after all.
 */
async function placeIssued(tx: Tx, fresh: readonly Indexed[], res: { rows: OpenRow[] }, out: InboundOutcome[]): Promise<Placement[]> {
  const upserted = new Set(res.rows.map((r) => `${r.w}|${r.ch}|${r.ext}`));
  const kept = fresh.filter((i) => upserted.has(contactKey(i)));
  for (const i of fresh) if (!upserted.has(contactKey(i))) out[i.index] = { ok: false, error: notFound('Channel') };
  return placeConversations(tx, kept, res);
}

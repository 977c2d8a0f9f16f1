// Whole statements (bulk inserts through unnest), hence .sql.ts; no locks, a bench workspace of its own.
// Writes synthetic recorded traffic (simulate-traffic.ts) into Postgres as the real system
// records it — contacts, conversations opened and closed, the assignment event of whoever
// replied and their outgoing reply, every availability change — so the simulation bench can
// time the load of a recorded period (loadRecordedPeriod) apart from the replay.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createTestWorkspace } from '@baton/db/testing';
import type { Database } from '@baton/db';
import type { SimulationInput } from '@baton/engine';

const CHUNK = 10_000;

export type RecordedWorkspace = { workspaceId: string; teams: Record<string, string>; memberId: string; from: Date; to: Date; conversations: number; messages: number; availabilityChanges: number };

export async function seedRecordedTraffic(db: Database, pool: pg.Pool, input: SimulationInput): Promise<RecordedWorkspace> {
  const ws = await createTestWorkspace(db, {
    members: input.members.map((m) => ({ name: m.name, availability: m.availability })),
    teams: Object.fromEntries(input.teams.map((t) => [t.name, t.memberIds.map((id) => input.members.find((m) => m.id === id)!.name)])),
  });
  const userOf = new Map(input.members.map((m) => [m.id, ws.users[m.name]!.id]));
  const q = (text: string, values: unknown[]) => pool.query(text, values);

  const av = input.availability;
  await q(
    `insert into availability_changes (workspace_id, user_id, availability, changed_at)
     select $1, u, a::availability, to_timestamp(t / 1000.0) from unnest($2::uuid[], $3::text[], $4::float8[]) as x(u, a, t)`,
    [ws.workspaceId, av.map((c) => userOf.get(c.userId)), av.map((c) => c.availability), av.map((c) => c.at)],
  );

  let messages = 0;
  for (let start = 0; start < input.openings.length; start += CHUNK) {
    const page = input.openings.slice(start, start + CHUNK);
    const contactIds = page.map(() => randomUUID());
    const convIds = page.map(() => randomUUID());
    await q(
      `insert into contacts (id, workspace_id, channel_id, external_id, name)
       select id, $1, $2, ext, name from unnest($3::uuid[], $4::text[], $5::text[]) as x(id, ext, name)`,
      [ws.workspaceId, ws.channelId, contactIds, page.map((o) => o.contact.id), page.map((o) => o.contact.name)],
    );
    await q(
      `insert into conversations (id, workspace_id, channel_id, contact_id, status, opened_by, opened_at, closed_at, last_incoming_at, last_activity_at)
       select id, $1, $2, contact, case when closed is null then 'open' else 'closed' end::conversation_status, 'contact',
              to_timestamp(opened / 1000.0), to_timestamp(closed / 1000.0), to_timestamp(opened / 1000.0), to_timestamp(opened / 1000.0)
         from unnest($3::uuid[], $4::uuid[], $5::float8[], $6::float8[]) as x(id, contact, opened, closed)`,
      [ws.workspaceId, ws.channelId, convIds, contactIds, page.map((o) => o.openedAt), page.map((o) => o.closedAt)],
    );
    // Whoever replied had been assigned the conversation when it opened.
    const replied = page.flatMap((o, i) => o.replies.map((r) => ({ conv: convIds[i]!, user: userOf.get(r.userId)!, assignedAt: o.openedAt, at: r.at })));
    await q(
      `insert into conversation_events (workspace_id, conversation_id, type, actor_type, to_user_id, created_at)
       select $1, c, 'assigned', 'workflow', u, to_timestamp(t / 1000.0) from unnest($2::uuid[], $3::uuid[], $4::float8[]) as x(c, u, t)`,
      [ws.workspaceId, replied.map((r) => r.conv), replied.map((r) => r.user), replied.map((r) => r.assignedAt)],
    );
    await q(
      `insert into messages (workspace_id, conversation_id, channel_id, direction, author_user_id, text, created_at)
       select $1, c, $2, 'outgoing', u, 'Thanks, looking into it', to_timestamp(t / 1000.0) from unnest($3::uuid[], $4::uuid[], $5::float8[]) as x(c, u, t)`,
      [ws.workspaceId, ws.channelId, replied.map((r) => r.conv), replied.map((r) => r.user), replied.map((r) => r.at)],
    );
    messages += replied.length;
  }
  await q('analyze contacts, conversations, conversation_events, messages, availability_changes', []);
  return {
    workspaceId: ws.workspaceId,
    teams: ws.teams,
    memberId: userOf.get(input.members[0]!.id)!,
    from: new Date(input.period.from),
    to: new Date(input.period.to),
    conversations: input.openings.length,
    messages,
    availabilityChanges: av.length,
  };
}

import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { assignConversation } from '../conversations/assign-conversation';
import { sendReply } from '../conversations/send-reply';
import { setAvailability } from '../identity/set-availability';
import { markIdleMembersAway } from '../inbox/mark-idle-members-away';
import { setTeamCapacity } from '../capacity/set-capacity';
import { setTeamAwayHandOn, setWorkspaceAwayHandOn } from './set-away-hand-on';
import { afterCommit } from '../committed';

const handle = testDatabase(4);
afterAll(() => handle.close());
const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute(q)).rows as T[];

async function workspace() {
  const ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lead', role: 'lead' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Cleo' }, { name: 'Carol' }],
    teams: { Sales: ['Alice', 'Bob', 'Cleo'], Support: ['Alice', 'Carol'] },
  });
  const t = tenant(handle.db, ws.workspaceId);
  const id = (n: string) => ws.users[n]!.id;
  let n = 0;
  const conversation = async (assignee: string, team: string) => {
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: `c-${n++}` }, text: 'hi' });
    await assignConversation(t, inbound.conversationId, { assigneeId: id(assignee), teamId: ws.teams[team]!, actorUserId: id('Lead') });
    return inbound.conversationId;
  };
  const state = async (conversationId: string) =>
    (await rows<{ assignee_id: string | null; team_id: string | null }>(sql`select assignee_id, team_id from conversations where id = ${conversationId}`))[0]!;
  const lastEvent = async (conversationId: string) =>
    (
      await rows<{ type: string; actor_type: string; actor_user_id: string | null; from_user_id: string | null; to_user_id: string | null; reason: string }>(sql`
        select type, actor_type, actor_user_id, from_user_id, to_user_id, reason from conversation_events
         where conversation_id = ${conversationId} order by created_at desc, id desc limit 1`)
    )[0]!;
  const comments = async (conversationId: string) =>
    (await rows<{ body: string }>(sql`select body from comments where conversation_id = ${conversationId} order by created_at, id`)).map((r) => r.body);
  return { ws, t, id, conversation, state, lastEvent, comments };
}

describe('work follows availability', () => {
  it('Alice goes offline: her unanswered Sales conversation moves to a teammate by round robin with an event and a comment; answered ones and other teams (leave) stay; coming back pulls nothing back', async () => {
    const { ws, t, id, conversation, state, lastEvent, comments } = await workspace();
    await setTeamAwayHandOn(t, ws.teams.Sales!, 'round_robin');
    const unanswered = await conversation('Alice', 'Sales');
    const answered = await conversation('Alice', 'Sales');
    await sendReply(t, answered, { userId: id('Alice'), text: 'On it' });
    const support = await conversation('Alice', 'Support'); // Support follows the workspace: leave
    await setAvailability(t, id('Cleo'), 'away');

    const result = await setAvailability(t, id('Alice'), 'offline');
    expect(result.handedOn).toEqual([{ conversationId: unanswered, toUserId: id('Bob') }]);
    expect(await state(unanswered)).toEqual({ assignee_id: id('Bob'), team_id: ws.teams.Sales });
    expect(await lastEvent(unanswered)).toEqual({
      type: 'reassigned',
      actor_type: 'user',
      actor_user_id: id('Alice'),
      from_user_id: id('Alice'),
      to_user_id: id('Bob'),
      reason: 'Alice went offline without replying: reassigned to Bob by round robin in Sales',
    });
    expect(await comments(unanswered)).toEqual(['Alice went offline without replying: reassigned to Bob by round robin in Sales.']);
    // Bob is told (the notification trigger on the event).
    const [bell] = await rows<{ n: number }>(sql`
      select count(*)::int as n from notifications where workspace_id = ${ws.workspaceId} and user_id = ${id('Bob')} and conversation_id = ${unanswered} and kind = 'assigned'`);
    expect(bell!.n).toBe(1);
    expect((await state(answered)).assignee_id).toBe(id('Alice'));
    expect((await state(support)).assignee_id).toBe(id('Alice'));

    // Back online: nothing comes back. Offline again: nothing more to move (idempotent).
    await setAvailability(t, id('Alice'), 'online');
    expect((await state(unanswered)).assignee_id).toBe(id('Bob'));
    expect((await setAvailability(t, id('Alice'), 'offline')).handedOn).toEqual([]);
    expect(await comments(unanswered)).toHaveLength(1);
  });

  it('return to the team: unassigned with the team kept; reassign with nobody below capacity also returns it, saying why', async () => {
    const { ws, t, id, conversation, state, lastEvent } = await workspace();
    await setWorkspaceAwayHandOn(t, 'return_to_team');
    const toTeam = await conversation('Carol', 'Support');
    await setAvailability(t, id('Carol'), 'away', { type: 'api' });
    expect(await state(toTeam)).toEqual({ assignee_id: null, team_id: ws.teams.Support });
    expect(await lastEvent(toTeam)).toMatchObject({ type: 'unassigned', actor_type: 'api', from_user_id: id('Carol'), reason: "Carol went away without replying: returned to Support's queue" });

    await setTeamAwayHandOn(t, ws.teams.Sales!, 'least_open');
    await setTeamCapacity(t, ws.teams.Sales!, 1);
    await conversation('Bob', 'Sales'); // Bob full (1/1)
    await setAvailability(t, id('Cleo'), 'offline');
    const full = await conversation('Alice', 'Sales');
    await setAvailability(t, id('Alice'), 'away');
    expect(await state(full)).toEqual({ assignee_id: null, team_id: ws.teams.Sales });
    expect((await lastEvent(full)).reason).toBe("Alice went away without replying; no one available in Sales (Bob at capacity 1/1, Cleo offline): returned to Sales's queue");
  });

  it('the idle sweep hands on too, as the system', async () => {
    const { ws, t, id, conversation, state, lastEvent } = await workspace();
    await setTeamAwayHandOn(t, ws.teams.Sales!, 'round_robin');
    const c = await conversation('Alice', 'Sales');
    await handle.db.execute(sql`
      update memberships set availability_changed_at = now() - interval '20 minutes', last_seen_at = now() - interval '20 minutes'
       where workspace_id = ${ws.workspaceId} and user_id = ${id('Alice')}`);
    const changed = (await markIdleMembersAway(handle.db, 10 * 60_000)).filter((m) => m.workspaceId === ws.workspaceId);
    expect(changed).toEqual([
      {
        workspaceId: ws.workspaceId,
        userId: id('Alice'),
        handedOn: [{ conversationId: c, toUserId: id('Bob') }],
        afterCommit: afterCommit(ws.workspaceId, {
          notices: [
            { type: 'member.availability', userId: id('Alice') },
            { type: 'conversation.changed', conversationId: c, change: 'assignment' },
          ],
        }),
      },
    ]);
    expect((await state(c)).assignee_id).toBe(id('Bob'));
    expect(await lastEvent(c)).toMatchObject({ actor_type: 'system', actor_user_id: null, reason: 'Alice went away (idle) without replying: reassigned to Bob by round robin in Sales' });
  });
});

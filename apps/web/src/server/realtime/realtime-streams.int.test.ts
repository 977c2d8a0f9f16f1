// Realtime streams (security review #9, #13): at most five per user (the sixth gets 429
// until one closes), and the viewer is re-read on every heartbeat, so a member removed
// from the workspace has their stream closed instead of hearing about conversations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testDatabase, type TestWorkspace } from '@baton/db/testing';
import { signInAs } from '@/security/session-state';
import { realtimeStreamSettings } from './stream-limits';

const handle = testDatabase(2);
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }, { name: 'Al' }, { name: 'Bo' }], teams: { Sales: ['Al', 'Bo'] } });
});
afterAll(() => handle.close());

async function openStream() {
  const { GET } = await import('@/app/api/realtime/route');
  return GET(new Request('http://baton.test/api/realtime'));
}

/** Reads the stream until `text` appears (true) or it ends (false). */
async function readUntil(res: Response, text: string, timeoutMs = 5000): Promise<boolean> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (next === null) throw new Error(`timed out waiting for ${JSON.stringify(text)}; got ${JSON.stringify(seen)}`);
      if (next.done) return false;
      seen += decoder.decode(next.value, { stream: true });
      if (seen.includes(text)) return true;
    }
    throw new Error('timed out');
  } finally {
    reader.releaseLock();
  }
}

describe('realtime streams', () => {
  it('at most five per user: the sixth gets 429 with Retry-After; closing one frees a slot', async () => {
    signInAs(ws.users.Al!.id, ws.workspaceId);
    const open: Response[] = [];
    for (let i = 0; i < 5; i++) open.push(await openStream());
    expect(open.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await openStream();
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await sixth.json()) as { error: { message: string } }).error.message).toMatch(/At most 5/);
    // Another user is not affected.
    signInAs(ws.users.Bo!.id, ws.workspaceId);
    const other = await openStream();
    expect(other.status).toBe(200);
    await other.body!.cancel();
    signInAs(ws.users.Al!.id, ws.workspaceId);
    await open.pop()!.body!.cancel();
    const again = await openStream();
    expect(again.status).toBe(200);
    for (const r of [...open, again]) await r.body!.cancel();
  });

  it('a member removed from the workspace has the stream closed on the next heartbeat', async () => {
    const saved = realtimeStreamSettings.heartbeatMs;
    realtimeStreamSettings.heartbeatMs = 100;
    try {
      signInAs(ws.users.Bo!.id, ws.workspaceId);
      const res = await openStream();
      expect(res.status).toBe(200);
      expect(await readUntil(res, 'event: ready')).toBe(true);
      expect(await readUntil(res, ': ping')).toBe(true);
      await handle.pool.query('delete from team_members where workspace_id = $1 and user_id = $2', [ws.workspaceId, ws.users.Bo!.id]);
      await handle.pool.query('delete from memberships where workspace_id = $1 and user_id = $2', [ws.workspaceId, ws.users.Bo!.id]);
      expect(await readUntil(res, 'never sent', 3000)).toBe(false); // the stream ended
    } finally {
      realtimeStreamSettings.heartbeatMs = saved;
    }
  });
});

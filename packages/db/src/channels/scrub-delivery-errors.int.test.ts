// Migration 0009: delivery errors stored before the fix kept the receiver's body after the status.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../system/migrate';
import { receiveInboundMessage, sendReply } from '../conversations';
import { tenant } from '../tenancy/tenant';
import { createTestWorkspace, testDatabase } from '../testing';

const handle = testDatabase(2);
afterAll(() => handle.close());

describe('migration 0009: scrub delivery error bodies', () => {
  it('keeps "HTTP <status>" and drops what the receiver said; other errors stay', async () => {
    const ws = await createTestWorkspace(handle.db, { members: [{ name: 'Alice' }] });
    const t = tenant(handle.db, ws.workspaceId);
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId: 'c' }, text: 'hi' });
    const a = await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'one' });
    const b = await sendReply(t, inbound.conversationId, { userId: ws.users.Alice!.id, text: 'two' });
    await handle.pool.query('update messages set delivery_error = $2 where id = $1', [a.messageId, 'HTTP 500: {"redis_password":"hunter2"}']);
    await handle.pool.query('update messages set delivery_error = $2 where id = $1', [b.messageId, 'Connection refused']);
    await handle.pool.query(readFileSync(path.join(migrationsFolder, '0009_scrub_delivery_error_bodies.sql'), 'utf8'));
    const { rows } = await handle.pool.query('select id, delivery_error from messages where id = any($1) order by created_at', [[a.messageId, b.messageId]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.delivery_error]))).toEqual({ [a.messageId]: 'HTTP 500', [b.messageId]: 'Connection refused' });
  });
});

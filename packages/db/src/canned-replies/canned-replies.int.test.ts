// Canned replies (issue #18 item 7): per workspace, shortcut unique in the workspace, bad
// input refused on its field with nothing written.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { createTestWorkspace, testDatabase } from '../testing';
import { tenant } from '../tenancy/tenant';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from './manage-canned-replies';

const handle = testDatabase();
afterAll(() => handle.close());

const workspace = async () => tenant(handle.db, (await createTestWorkspace(handle.db, { members: [{ name: 'Owner', role: 'owner' }] })).workspaceId);
const issuesOf = async (p: Promise<unknown>) => {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ZodError);
  return Object.fromEntries((error as ZodError).issues.map((i) => [i.path.join('.'), i.message]));
};

describe('canned replies', () => {
  it('create, list by shortcut, edit and delete, per workspace', async () => {
    const [a, b] = [await workspace(), await workspace()];
    const hello = await createCannedReply(a, { name: 'Greeting', shortcut: '/Hello', body: 'Hi {{contact.name}}, {{agent.name}} here.' });
    await createCannedReply(a, { name: 'Refund', shortcut: 'refund', body: 'Your refund is on its way.' });
    await createCannedReply(b, { name: 'Greeting B', shortcut: 'hello', body: 'Hello from B' });
    expect((await listCannedReplies(a)).map((r) => r.shortcut)).toEqual(['hello', 'refund']);
    await updateCannedReply(a, hello.id, { name: 'Greeting', shortcut: 'hi', body: 'Hi {{contact.name}}' });
    expect((await listCannedReplies(a)).map((r) => [r.shortcut, r.body])).toEqual([['hi', 'Hi {{contact.name}}'], ['refund', 'Your refund is on its way.']]);
    // B cannot touch A's replies.
    await expect(updateCannedReply(b, hello.id, { name: 'x', shortcut: 'x', body: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteCannedReply(b, hello.id)).rejects.toMatchObject({ code: 'not_found' });
    await deleteCannedReply(a, hello.id);
    expect((await listCannedReplies(a)).map((r) => r.shortcut)).toEqual(['refund']);
    expect((await listCannedReplies(b)).map((r) => r.shortcut)).toEqual(['hello']);
    await expect(deleteCannedReply(a, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('empty name, bad shortcut, unknown variable: each on its field; a duplicate shortcut is a conflict on shortcut; nothing written', async () => {
    const t = await workspace();
    await createCannedReply(t, { name: 'Thanks', shortcut: 'thanks', body: 'Thanks!' });
    expect(await issuesOf(createCannedReply(t, { name: '', shortcut: 'a b', body: 'Hi {{customer.name}}' }))).toEqual({
      name: 'Name the reply',
      shortcut: expect.stringMatching(/lowercase/),
      body: expect.stringMatching(/^Unknown variable \{\{customer\.name\}\}/),
    });
    await expect(createCannedReply(t, { name: 'Thanks again', shortcut: '/THANKS', body: 'Thank you' })).rejects.toMatchObject({ code: 'conflict', details: { field: 'shortcut' } });
    const other = await createCannedReply(t, { name: 'Bye', shortcut: 'bye', body: 'Bye' });
    await expect(updateCannedReply(t, other.id, { name: 'Bye', shortcut: 'thanks', body: 'Bye' })).rejects.toMatchObject({ code: 'conflict', details: { field: 'shortcut' } });
    expect((await listCannedReplies(t)).map((r) => [r.name, r.shortcut, r.body])).toEqual([['Bye', 'bye', 'Bye'], ['Thanks', 'thanks', 'Thanks!']]);
  });
});

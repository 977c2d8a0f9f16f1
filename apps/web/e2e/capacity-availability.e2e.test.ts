import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, baseUrl, launchBrowser, screenshot, signIn } from './browser';

// Issue #16 items 4 and 2 in Chromium: an admin sets capacity and "when an agent goes away"
// on the Team page (bad input shows on the field); Alice goes offline and her unanswered
// conversation moves to Bob with a comment while Bob's bell counts it; a lead assigning past
// capacity in the inbox is asked first. A team of this file's own ("Night …") keeps the rest
// of the seed (Sales, Support) untouched; everything set here is reset at the end.

const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const SEED_WORKFLOW = 'Reassign if no reply in 15 minutes';
const TEAM = `Night ${randomUUID().slice(0, 4)}`;

let browser: Browser;
let users: Record<'alice' | 'bob', string>;
let teamId: string;
let seedWorkflowId: string | null = null;
let workflowId: string | null = null;

async function poll<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function pageAs(email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, email);
  await page.goto(`${baseUrl()}${path}`);
  return page;
}

const availability = (userId: string, value: 'online' | 'offline') => api(`/users/${userId}/availability`, { method: 'PUT', json: { availability: value } });

/** Saves a team capacity and waits until a reload shows it stored (or the field's error, for bad input). */
async function saveTeamCapacity(page: Page, value: string, error?: string) {
  const form = () => page.getByTestId(`capacity-team-${TEAM}`);
  await form().getByLabel(`${TEAM}: capacity per agent`).fill(value);
  await form().getByRole('button', { name: 'Save' }).click();
  if (error) return form().getByText(error).waitFor();
  await poll(async () => {
    await page.reload();
    return (await form().getByLabel(`${TEAM}: capacity per agent`).inputValue()) === value;
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  const members = await api('/users');
  const byEmail = (e: string) => (members.body.users as { id: string; email: string }[]).find((u) => u.email === e)!.id;
  users = { alice: byEmail('alice@acme.test'), bob: byEmail('bob@acme.test') };
  const team = await api('/teams', { method: 'POST', json: { name: TEAM } });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  teamId = team.body.id;
  for (const id of [users.alice, users.bob]) expect((await api(`/teams/${teamId}/members`, { method: 'POST', json: { userId: id } })).status).toBe(200);
  // Only this file's workflow reacts to new conversations while it runs.
  const list = await api('/workflows');
  const seed = (list.body.workflows as { id: string; name: string; status: string }[]).find((w) => w.name === SEED_WORKFLOW && w.status === 'published');
  if (seed) {
    seedWorkflowId = seed.id;
    expect((await api(`/workflows/${seed.id}/unpublish`, { method: 'POST' })).status).toBe(200);
  }
  const definition = {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'team', teamId }, logic: 'round_robin', onlyOnline: true } }],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
  };
  const created = await api('/workflows', { method: 'POST', json: { name: `${TEAM} assignment`, definition } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  workflowId = created.body.id;
  expect((await api(`/workflows/${workflowId}/publish`, { method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  if (workflowId) await api(`/workflows/${workflowId}/unpublish`, { method: 'POST' });
  if (seedWorkflowId) await api(`/workflows/${seedWorkflowId}/publish`, { method: 'POST' });
  // The seed is shared with other files, which expect Alice and Bob online.
  for (const id of Object.values(users ?? {})) await availability(id, 'online');
  await browser?.close();
});

describe('capacity and work follows availability', () => {
  it('an admin sets capacity and the away rule on the Team page; bad input is named on the field', async () => {
    const page = await pageAs('admin@acme.test', '/team');
    const defaults = page.getByTestId('capacity-default-form');
    await defaults.getByLabel('Default capacity per agent').fill('0');
    await defaults.getByRole('button', { name: 'Save' }).click();
    await defaults.getByText('Capacity must be at least 1').waitFor();
    await saveTeamCapacity(page, 'lots', 'Enter a whole number');
    await saveTeamCapacity(page, '3');
    await page.getByTestId(`away-hand-on-${TEAM}`).selectOption('round_robin');
    await poll(async () => {
      await page.reload();
      return (await page.getByTestId(`away-hand-on-${TEAM}`).inputValue()) === 'round_robin';
    });
    expect(await page.getByLabel(`${TEAM}: capacity per agent`).inputValue()).toBe('3');
    expect(await page.getByTestId('member-load-Alice').textContent()).toMatch(/^\d+ \/ 3/);
    await screenshot(page, 'capacity-01-team-page');
    // Back to unlimited before the next test (Alice and Bob hold seed conversations).
    await saveTeamCapacity(page, '');
    await page.context().close();
  });

  it("Alice goes offline: her unanswered conversation moves to Bob with a comment, and Bob's bell counts it", async () => {
    await availability(users.alice, 'online');
    await availability(users.bob, 'offline');
    const contactName = `Olga ${randomUUID().slice(0, 5)}`;
    const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: `away-${randomUUID()}`, name: contactName }, text: 'Hello?', externalId: `msg-${randomUUID()}` },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const conversationId = sent.body.conversationId as string;
    await poll(async () => (await api(`/conversations/${conversationId}`)).body?.assigneeId === users.alice);

    await availability(users.bob, 'online');
    const bob = await pageAs('bob@acme.test', '/inbox');
    await bob.locator('[data-testid="realtime-state"][data-state="live"]').waitFor();
    await bob.getByTestId('notification-bell').click();
    const markAll = bob.getByTestId('notification-mark-all');
    if (await markAll.isEnabled()) await markAll.click();
    await bob.getByTestId('notification-bell').click();

    // Alice clicks "Offline" in her own menu.
    const alice = await pageAs('alice@acme.test', '/inbox');
    const saved = alice.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action'] && (r.request().postData() ?? '').includes('"offline"'));
    await alice.getByRole('radio', { name: 'Offline' }).click();
    await saved;

    await poll(async () => (await api(`/conversations/${conversationId}`)).body?.assigneeId === users.bob);
    await poll(async () => Number((await bob.getByTestId('notification-count').textContent({ timeout: 1000 }).catch(() => '0')) ?? 0) >= 1);
    await bob.getByTestId('notification-bell').click();
    const item = bob.getByTestId('notification-item').filter({ hasText: `Assigned to you: ${contactName}` });
    await item.waitFor();
    await item.getByRole('link').click();
    await bob.waitForURL(/\/inbox\?c=/);
    await bob.getByTestId('timeline').getByTestId('comment').filter({ hasText: `Alice went offline without replying: reassigned to Bob by round robin in ${TEAM}` }).waitFor();
    await screenshot(bob, 'capacity-02-bob-got-alices-conversation');

    // Alice comes back: the conversation stays with Bob.
    await availability(users.alice, 'online');
    expect((await api(`/conversations/${conversationId}`)).body?.assigneeId).toBe(users.bob);
    await alice.context().close();
    await bob.context().close();
  });

  it('a lead assigning past capacity in the inbox is asked first', async () => {
    const admin = await pageAs('admin@acme.test', '/team');
    await saveTeamCapacity(admin, '1'); // Bob holds at least the conversation above: full
    try {
      const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
        method: 'POST',
        json: { contact: { externalId: `cap-${randomUUID()}`, name: `Pia ${randomUUID().slice(0, 5)}` }, text: 'Hi', externalId: `msg-${randomUUID()}` },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const conversationId = sent.body.conversationId as string;
      const lead = await pageAs('lead@acme.test', `/inbox?c=${conversationId}`);
      await lead.getByTestId('assignee-select').waitFor();
      const asked = new Promise<string>((resolve) => lead.once('dialog', (d) => { resolve(d.message()); void d.dismiss(); }));
      await lead.getByTestId('assignee-select').selectOption(users.bob);
      expect(await asked).toMatch(/^Bob is at capacity \d+\/1 — assign anyway\?$/);
      // Dismissed: nothing changed.
      expect((await api(`/conversations/${conversationId}`)).body?.assigneeId).not.toBe(users.bob);
      await lead.reload();
      const again = new Promise<void>((resolve) => lead.once('dialog', (d) => { void d.accept(); resolve(); }));
      await lead.getByTestId('assignee-select').selectOption(users.bob);
      await again;
      await poll(async () => (await api(`/conversations/${conversationId}`)).body?.assigneeId === users.bob);
      await lead.context().close();
    } finally {
      await saveTeamCapacity(admin, '');
      await admin.getByTestId(`away-hand-on-${TEAM}`).selectOption('');
      await poll(async () => {
        await admin.reload();
        return (await admin.getByTestId(`away-hand-on-${TEAM}`).inputValue()) === '';
      });
      await admin.context().close();
    }
  });
});

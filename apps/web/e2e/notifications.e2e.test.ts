import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reassignIfNoReply } from '@baton/engine';
import { api, baseUrl, launchBrowser, poll, screenshot, signIn } from './browser';

// Notifications (issue #16): Alice gets a conversation from a workflow and does not answer;
// the workflow moves it to Bob with a comment mentioning him. Bob, on another page, gets a
// browser notification and the bell count without a reload; handing it back to Alice in the
// inbox notifies her. The Notification API is real Chromium's, permission granted through
// the browser context; an init script records what the page showed.

const WAIT_SECONDS = 3;
const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const SEED_WORKFLOW = 'Reassign if no reply in 15 minutes';

let browser: Browser;
let users: Record<'alice' | 'bob', string>;
let seedWorkflowId: string | null = null;
let handoffWorkflowId: string;

type Shown = { title: string; body: string | null; tag: string | null };

async function recordingContext(grant: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (grant) await context.grantPermissions(['notifications'], { origin: baseUrl() });
  await context.addInitScript(() => {
    const Native = window.Notification;
    const shown: Array<{ title: string; body: string | null; tag: string | null }> = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recording extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? null, tag: options?.tag ?? null });
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Native.permission });
    Object.defineProperty(Recording, 'requestPermission', { value: Native.requestPermission.bind(Native) });
    window.Notification = Recording as unknown as typeof Notification;
  });
  return context;
}

async function agentPage(email: string, grant: boolean): Promise<Page> {
  const page = await (await recordingContext(grant)).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, email);
  await page.goto(`${baseUrl()}/inbox`);
  await page.locator('[data-testid="realtime-state"][data-state="live"]').waitFor();
  return page;
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
const count = (page: Page) => page.getByTestId('notification-count').textContent({ timeout: 1000 }).catch(() => null);

beforeAll(async () => {
  browser = await launchBrowser();
  const members = await api('/users');
  const byEmail = (e: string) => (members.body.users as { id: string; email: string }[]).find((u) => u.email === e)!.id;
  users = { alice: byEmail('alice@acme.test'), bob: byEmail('bob@acme.test') };
  const teams = await api('/teams');
  const sales = (teams.body.teams as { id: string; name: string }[]).find((t) => t.name === 'Sales')!.id;
  for (const id of [users.alice, users.bob]) await api(`/users/${id}/availability`, { method: 'PUT', json: { availability: 'online' } });

  // Only this file's workflow reacts to new conversations while it runs.
  const list = await api('/workflows');
  const seed = (list.body.workflows as { id: string; name: string; status: string }[]).find((w) => w.name === SEED_WORKFLOW && w.status === 'published');
  if (seed) {
    seedWorkflowId = seed.id;
    expect((await api(`/workflows/${seed.id}/unpublish`, { method: 'POST' })).status).toBe(200);
  }
  const definition = reassignIfNoReply({ firstTeamId: sales, secondTeamId: sales, duration: { amount: WAIT_SECONDS, unit: 'seconds' } });
  const first = definition.steps.find((s) => s.id === 'assign-first')!;
  (first.config as { target: unknown }).target = { type: 'user', userId: users.alice };
  const created = await api('/workflows', { method: 'POST', json: { name: `Notify handoff ${randomUUID().slice(0, 4)}`, definition } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  handoffWorkflowId = created.body.id;
  expect((await api(`/workflows/${handoffWorkflowId}/publish`, { method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  if (handoffWorkflowId) await api(`/workflows/${handoffWorkflowId}/unpublish`, { method: 'POST' });
  if (seedWorkflowId) await api(`/workflows/${seedWorkflowId}/publish`, { method: 'POST' });
  await browser?.close();
});

describe('notifications: bell and browser notifications', () => {
  it('Bob gets a browser notification and the bell count when the workflow hands him Alice\'s unanswered conversation', async () => {
    const alice = await agentPage('alice@acme.test', true);
    const bob = await agentPage('bob@acme.test', true);
    // Start from zero: whatever earlier files left is marked read.
    for (const page of [alice, bob]) {
      await page.getByTestId('notification-bell').click();
      const markAll = page.getByTestId('notification-mark-all');
      if (await markAll.isEnabled()) await markAll.click();
      await page.getByTestId('notification-bell').click();
      await poll(async () => (await count(page)) === null);
    }
    const before = { alice: (await shown(alice)).length, bob: (await shown(bob)).length };

    const contactName = `Nora ${randomUUID().slice(0, 5)}`;
    const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: `notify-${randomUUID()}`, name: contactName }, text: 'Is anyone there?', externalId: `msg-${randomUUID()}` },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    // Alice: assigned by the workflow.
    const aliceShown = await poll(async () => (await shown(alice)).slice(before.alice).find((n) => n.title === `Assigned to you: ${contactName}`));
    expect(aliceShown.tag).toMatch(/^baton-/);
    await poll(async () => (await count(alice)) === '1');

    // Nobody answers: the workflow moves it to Bob and mentions him; Bob's page shows both live.
    const bobShown = await poll(async () => {
      const titles = (await shown(bob)).slice(before.bob).map((n) => n.title);
      return titles.includes(`Assigned to you: ${contactName}`) && titles.includes(`A workflow mentioned you: ${contactName}`) && titles;
    }, (WAIT_SECONDS + 15) * 1000);
    expect(bobShown).toHaveLength(2);
    await poll(async () => (await count(bob)) === '2');
    expect(await bob.getByTestId('notification-bell').getAttribute('aria-label')).toBe('Notifications, 2 unread');
    // Alice is told it was taken from her.
    await poll(async () => (await shown(alice)).some((n) => n.title === `Taken from you: ${contactName}`));
    await poll(async () => (await count(alice)) === '2');

    // Bob opens the bell: both listed; marking one read lowers the count.
    await bob.getByTestId('notification-bell').click();
    const items = bob.getByTestId('notification-item');
    await poll(async () => (await items.count()) >= 2);
    expect(await items.nth(0).textContent()).toContain(contactName);
    await screenshot(bob, 'notifications-01-bob-bell-open');
    await items.filter({ hasText: 'mentioned you' }).getByTestId('notification-mark-read').click();
    await poll(async () => (await count(bob)) === '1');

    // Bob hands it back to Alice in the inbox: she is notified, naming him; he is not.
    await items.filter({ hasText: `Assigned to you: ${contactName}` }).getByRole('link').click();
    await bob.waitForURL(/\/inbox\?c=/);
    await poll(async () => (await count(bob)) === null);
    const bobCountBefore = (await shown(bob)).length;
    await bob.getByTestId('assignee-select').selectOption(users.alice);
    await poll(async () => (await shown(alice)).filter((n) => n.title === `Assigned to you: ${contactName}`).length === 2);
    await poll(async () => (await count(alice)) === '3');
    await alice.getByTestId('notification-bell').click();
    expect(await alice.getByTestId('notification-item').first().textContent()).toContain(`Assigned to you: ${contactName}`);
    await screenshot(alice, 'notifications-02-alice-handed-back');
    await alice.getByTestId('notification-mark-all').click();
    await poll(async () => (await count(alice)) === null);
    expect((await shown(bob)).length).toBe(bobCountBefore);

    // Turning desktop notifications off keeps the bell but shows nothing in the browser.
    await bob.getByTestId('notification-bell').click();
    await bob.getByTestId('notification-desktop-toggle').uncheck();
    await bob.getByTestId('notification-bell').click();
    await alice.goto(`${baseUrl()}/inbox?c=${sent.body.conversationId as string}`);
    await alice.getByTestId('assignee-select').selectOption(users.bob);
    await poll(async () => (await count(bob)) === '1');
    expect((await shown(bob)).length).toBe(bobCountBefore);
    await alice.context().close();
    await bob.context().close();
  });

  it('asks for the browser permission once, on a click', async () => {
    const page = await agentPage('alice@acme.test', false);
    await page.getByTestId('notification-bell').click();
    const enable = page.getByTestId('notification-enable-desktop');
    await enable.waitFor();
    await enable.click();
    await enable.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    expect(await page.getByTestId('notification-enable-desktop').count()).toBe(0);
    await page.context().close();
  });
});

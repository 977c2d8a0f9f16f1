import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reassignIfNoReply } from '@baton/engine';
import { verifySignature } from '@baton/db';
import { api, baseUrl, launchBrowser, poll, screenshot, signIn } from './browser';

// Two agents in two browsers watch their inboxes while the worker runs a fast handoff
// workflow: Alice first, then (no reply within WAIT_SECONDS) someone else in Sales, Bob.
// Everything must appear without a reload: server-sent events fed by Redis pub/sub.

const WAIT_SECONDS = 4;
const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const SEED_WORKFLOW = 'Reassign if no reply in 15 minutes';

let browser: Browser;
let users: Record<'alice' | 'bob' | 'carol', string>;
let seedWorkflowId: string | null = null;
let handoffWorkflowId: string;

async function agentPage(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, email);
  await page.goto(`${baseUrl()}/inbox`);
  // Live once the stream has confirmed its Redis subscription.
  await page.locator('[data-testid="realtime-state"][data-state="live"]').waitFor();
  return page;
}

const listItem = (page: Page, contactName: string) => page.locator('[data-testid="conversation-list"] li[role="option"]', { hasText: contactName });

async function customerWrites(contactName: string, text: string) {
  const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
    method: 'POST',
    json: { contact: { externalId: `inbox-${randomUUID()}`, name: contactName }, text, externalId: `msg-${randomUUID()}` },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body.conversationId as string;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const members = await api('/users');
  const byEmail = (e: string) => (members.body.users as { id: string; email: string }[]).find((u) => u.email === e)!.id;
  users = { alice: byEmail('alice@acme.test'), bob: byEmail('bob@acme.test'), carol: byEmail('carol@acme.test') };
  const teams = await api('/teams');
  const sales = (teams.body.teams as { id: string; name: string }[]).find((t) => t.name === 'Sales')!.id;
  for (const id of [users.alice, users.bob]) await api(`/users/${id}/availability`, { method: 'PUT', json: { availability: 'online' } });

  // Only our fast workflow may react to new conversations during this file.
  const list = await api('/workflows');
  const seed = (list.body.workflows as { id: string; name: string; status: string }[]).find((w) => w.name === SEED_WORKFLOW && w.status === 'published');
  if (seed) {
    seedWorkflowId = seed.id;
    expect((await api(`/workflows/${seed.id}/unpublish`, { method: 'POST' })).status).toBe(200);
  }
  // The engine's own template, with Alice named first and a wait of seconds.
  const definition = reassignIfNoReply({ firstTeamId: sales, secondTeamId: sales, duration: { amount: WAIT_SECONDS, unit: 'seconds' } });
  const first = definition.steps.find((s) => s.id === 'assign-first')!;
  (first.config as { target: unknown }).target = { type: 'user', userId: users.alice };
  const created = await api('/workflows', { method: 'POST', json: { name: `Fast handoff ${randomUUID().slice(0, 4)}`, definition } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  handoffWorkflowId = created.body.id;
  expect((await api(`/workflows/${handoffWorkflowId}/publish`, { method: 'POST' })).status).toBe(200);
});

afterAll(async () => {
  if (handoffWorkflowId) await api(`/workflows/${handoffWorkflowId}/unpublish`, { method: 'POST' });
  if (seedWorkflowId) await api(`/workflows/${seedWorkflowId}/publish`, { method: 'POST' });
  await browser?.close();
});

describe('inbox: live handoff between two agents', () => {
  it('Alice sees a new conversation arrive, does not answer, and Bob receives it live with the mention', async () => {
    const alice = await agentPage('alice@acme.test');
    const bob = await agentPage('bob@acme.test');
    const contactName = `Mara ${randomUUID().slice(0, 5)}`;
    const conversationId = await customerWrites(contactName, 'Hi, my order never arrived. Can someone help?');

    // Alice: the workflow assigns it to her; it appears in Mine, unread, without a reload.
    await listItem(alice, contactName).waitFor({ timeout: 10_000 });
    await expect(listItem(alice, contactName).getByTestId('unread-badge').count()).resolves.toBe(1);
    await screenshot(alice, 'inbox-01-alice-new-conversation-live');
    await listItem(alice, contactName).click();
    await alice.getByTestId('event-assigned').waitFor();
    expect(await alice.getByTestId('conversation-title').textContent()).toBe(contactName);
    expect(await alice.getByTestId('event-assigned').textContent()).toMatch(/Assigned to you by workflow 'Fast handoff/);
    await screenshot(alice, 'inbox-02-alice-conversation-open');

    // Nobody replies: after the wait, Bob gets it, live, with the comment that mentions him.
    await listItem(bob, contactName).waitFor({ timeout: (WAIT_SECONDS + 10) * 1000 });
    await listItem(bob, contactName).click();
    await bob.getByTestId('event-reassigned').waitFor();
    const timeline = bob.getByTestId('timeline');
    expect(await timeline.getByTestId('comment').textContent()).toMatch(/@Bob Reassigned to you: Alice did not reply within 4 seconds/);
    expect(await timeline.getByTestId('event-assigned').textContent()).toMatch(/Assigned to Alice by workflow/);
    expect(await timeline.getByTestId('event-reassigned').textContent()).toMatch(/Reassigned from Alice to you by workflow/);
    // Each assignment links to the run that made it.
    expect(await timeline.getByTestId('run-link').first().getAttribute('href')).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    await screenshot(bob, 'inbox-03-bob-reassigned-with-mention');

    // The Mentions view lists it for Bob; Alice's open conversation updated live too.
    await bob.getByTestId('view-mentions').click();
    await listItem(bob, contactName).waitFor();
    await alice.getByTestId('event-reassigned').waitFor();
    await screenshot(alice, 'inbox-04-alice-sees-handoff');

    const api1 = await api(`/conversations/${conversationId}`);
    expect(api1.body.assignee.id).toBe(users.bob);
    await alice.context().close();
    await bob.context().close();
  });

  it('Alice replies in time: no reassignment, and the customer’s receiver gets the signed reply', async () => {
    // The customer's side: a receiver on this machine, set as the channel's outbound URL.
    const received: { body: string; timestamp: string; signature: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, timestamp: String(req.headers['x-baton-timestamp']), signature: String(req.headers['x-baton-signature']) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baton`;

    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(admin, 'admin@acme.test');
      await admin.goto(`${baseUrl()}/settings`);
      await admin.getByRole('link', { name: /Channels/ }).click();
      await admin.waitForURL(/\/settings\/channels$/);
      await admin.getByLabel('Outbound URL', { exact: true }).fill(receiverUrl);
      await admin.getByRole('button', { name: 'Save' }).click();
      await admin.getByText('Saved').waitFor();
      await admin.getByRole('button', { name: 'Send test message' }).click();
      await admin.getByText(/Delivered: the receiver answered HTTP 200/).waitFor();
      expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'test', channelId: CHANNEL_ID });
      await screenshot(admin, 'inbox-05-channel-settings');

      const alice = await agentPage('alice@acme.test');
      const contactName = `Noor ${randomUUID().slice(0, 5)}`;
      const conversationId = await customerWrites(contactName, 'Do you ship to Canada?');
      await listItem(alice, contactName).waitFor({ timeout: 10_000 });
      await listItem(alice, contactName).click();
      await alice.getByTestId('event-assigned').waitFor();
      // Keyboard: r focuses the reply box; Ctrl+Enter sends.
      // Until the page's shortcuts are wired up after hydration, 'r' may do nothing: retry it.
      const replyBox = alice.getByPlaceholder('Write a reply to the customer…');
      for (let i = 0; i < 20 && !(await replyBox.evaluate((el) => el === document.activeElement)); i++) {
        await alice.keyboard.press('r');
        await alice.waitForTimeout(150);
      }
      await alice.keyboard.type('Yes, we ship to Canada in 3–5 days.');
      await alice.keyboard.press('Control+Enter');
      await alice.getByTestId('message-outgoing').waitFor();
      await alice.getByTestId('delivery-delivered').waitFor({ timeout: 15_000 });
      await screenshot(alice, 'inbox-06-alice-replied-delivered');

      const reply = await poll(() => Promise.resolve(received.find((r) => r.body.includes('ship to Canada in'))));
      expect(
        verifySignature({ secret: process.env.BATON_E2E_CHANNEL_OUTBOUND_SECRET!, rawBody: reply.body, timestamp: reply.timestamp, signature: reply.signature }),
      ).toEqual({ ok: true });
      expect(JSON.parse(reply.body)).toMatchObject({ type: 'message.outgoing', conversationId, text: 'Yes, we ship to Canada in 3–5 days.', author: { name: 'Alice' } });

      // Well past the wait: the run saw the reply and did not hand the conversation on.
      await new Promise((r) => setTimeout(r, (WAIT_SECONDS + 3) * 1000));
      const after = await api(`/conversations/${conversationId}`);
      expect(after.body.assignee.id).toBe(users.alice);
      expect((after.body.events as { type: string }[]).map((e) => e.type)).toEqual(['opened', 'assigned']);
      expect(after.body.firstResponseMs).toBeGreaterThan(0);
      expect(await alice.getByTestId('event-reassigned').count()).toBe(0);

      // e closes the conversation from the keyboard.
      await alice.locator('body').click({ position: { x: 5, y: 5 } });
      await alice.keyboard.press('e');
      await alice.getByTestId('event-closed').waitFor();
      await alice.context().close();
    } finally {
      // Leave the demo channel as the seed made it.
      await admin.goto(`${baseUrl()}/settings/channels`);
      await admin.getByLabel('Outbound URL', { exact: true }).fill('');
      await admin.getByRole('button', { name: 'Save' }).click();
      await admin.getByText('Saved').waitFor();
      await admin.context().close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

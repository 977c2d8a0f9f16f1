// Issue 18 end to end in Chromium: an admin defines a contact field and a tag (Settings →
// Contact fields & tags) and a canned reply (Settings → Canned replies, bad input first); an
// agent sets the field and the tag in the inbox contact panel, inserts the canned reply with
// `/` (keyboard only, variables filled) and sends it, then starts a workflow with "Run
// workflow" whose branch routes on that tag and field: the conversation goes to Carol (the
// else path would have given it to Bob). Names carry a random suffix: the file may run twice
// on one database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, baseUrl, launchBrowser, poll, screenshot, signIn } from './browser';

const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const SEED_WORKFLOW = 'Reassign if no reply in 15 minutes';
const sfx = randomUUID().slice(0, 6).replace(/-/g, '');
const fieldKey = `region_${sfx}`;
const tag = `vip-${sfx}`;
const shortcut = `hi${sfx}`;

let browser: Browser;
let users: Record<'alice' | 'bob' | 'carol', string>;
let seedWorkflowId: string | null = null;
const ours: string[] = [];

async function page(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await context.newPage();
  p.setDefaultTimeout(20_000);
  await signIn(p, email);
  return p;
}

async function publish(name: string, definition: unknown) {
  const created = await api('/workflows', { method: 'POST', json: { name, definition } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ours.push(created.body.id);
  expect((await api(`/workflows/${created.body.id}/publish`, { method: 'POST' })).status).toBe(200);
  return created.body.id as string;
}

const assignTo = (id: string, userId: string) => ({ id, type: 'assign', config: { target: { type: 'user', userId }, onlyOnline: false } });

beforeAll(async () => {
  browser = await launchBrowser();
  const members = await api('/users');
  if (!members.body?.users) throw new Error(`GET /users: ${members.status} ${JSON.stringify(members.body)}`);
  const byEmail = (e: string) => (members.body.users as { id: string; email: string }[]).find((u) => u.email === e)!.id;
  users = { alice: byEmail('alice@acme.test'), bob: byEmail('bob@acme.test'), carol: byEmail('carol@acme.test') };
  // New conversations go straight to Alice while this file runs (the seed's round robin would pick Alice or Bob).
  const list = await api('/workflows');
  const seed = (list.body.workflows as { id: string; name: string; status: string }[]).find((w) => w.name === SEED_WORKFLOW && w.status === 'published');
  if (seed) {
    seedWorkflowId = seed.id;
    expect((await api(`/workflows/${seed.id}/unpublish`, { method: 'POST' })).status).toBe(200);
  }
  await publish(`To Alice ${sfx}`, {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [assignTo('to-alice', users.alice)],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'to-alice' }],
  });
});

afterAll(async () => {
  for (const id of ours) await api(`/workflows/${id}/unpublish`, { method: 'POST' });
  if (seedWorkflowId) await api(`/workflows/${seedWorkflowId}/publish`, { method: 'POST' });
  await browser?.close();
});

describe('contact fields, tags and canned replies from settings to a routed conversation', () => {
  it('admin defines them; the agent sets them, inserts a canned reply with /, and Run workflow routes on them', async () => {
    // 1. The admin defines a select field, a tag and a canned reply.
    const admin = await page('admin@acme.test');
    await admin.goto(`${baseUrl()}/settings`);
    await admin.getByTestId('settings-contacts-link').click();
    await admin.waitForURL(/\/settings\/contacts$/);
    const fieldForm = admin.getByTestId('contact-field-form');
    await fieldForm.getByLabel('Label').fill('Region');
    await fieldForm.getByLabel('Key').fill(fieldKey);
    await fieldForm.getByLabel('Type').selectOption('select');
    await fieldForm.getByLabel('Options').fill('EU, US');
    await fieldForm.getByRole('button', { name: 'Add field' }).click();
    await admin.getByTestId(`contact-field-${fieldKey}`).waitFor();
    await admin.getByTestId('tag-form').getByLabel('New tag').fill(tag);
    await admin.getByTestId('tag-form').getByRole('button', { name: 'Add tag' }).click();
    await admin.getByTestId('tag-list').getByRole('button', { name: `Delete tag ${tag}` }).waitFor();

    await admin.goto(`${baseUrl()}/settings`);
    await admin.getByTestId('settings-canned-replies-link').click();
    await admin.waitForURL(/\/settings\/canned-replies$/);
    const form = admin.getByTestId('canned-reply-form');
    // Bad input: an empty name and an unknown variable, each on its field; nothing saved.
    await form.getByLabel('Shortcut').fill(shortcut);
    await form.getByLabel('Text').fill('Hi {{contact.nmae}}');
    await form.getByRole('button', { name: 'Add canned reply' }).click();
    await form.getByText('Name the reply').waitFor();
    await form.getByText(/^Unknown variable \{\{contact\.nmae\}\}/).waitFor();
    expect(await admin.getByTestId(`canned-reply-${shortcut}`).count()).toBe(0);
    await form.getByLabel('Name').fill('Greeting');
    await form.getByLabel('Text').fill('Hi {{contact.name}}, {{agent.name}} here. Checking your order now.');
    await form.getByRole('button', { name: 'Add canned reply' }).click();
    await admin.getByTestId(`canned-reply-${shortcut}`).waitFor();
    await screenshot(admin, 'canned-replies-settings');

    // 2. A workflow with a manual trigger routes on the tag and the field.
    const routing = await publish(`Route VIPs ${sfx}`, {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
      steps: [
        {
          id: 'vip',
          type: 'branch',
          config: {
            branches: [
              {
                id: 'eu-vip',
                match: 'all',
                conditions: [
                  { id: 'c1', kind: 'contact_tag', operator: 'has', tag },
                  { id: 'c2', kind: 'contact_field', key: fieldKey, operator: 'is', value: 'EU' },
                ],
              },
            ],
          },
        },
        assignTo('to-carol', users.carol),
        assignTo('to-bob', users.bob),
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'vip' },
        { id: 'e2', source: 'vip', sourceHandle: 'branch:eu-vip', target: 'to-carol' },
        { id: 'e3', source: 'vip', sourceHandle: 'else', target: 'to-bob' },
      ],
    });

    // 3. A customer writes; the conversation is Alice's.
    const contactName = `Dana ${sfx}`;
    const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: `contacts-e2e-${sfx}`, name: contactName }, text: 'Where is my order?', externalId: `contacts-e2e-msg-${sfx}` },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const conversationId = sent.body.conversationId as string;
    await poll(async () => (await api(`/conversations/${conversationId}`)).body?.assigneeId === users.alice);

    // 4. Alice sets the tag and the field in the contact panel.
    const alice = await page('alice@acme.test');
    await alice.goto(`${baseUrl()}/inbox?c=${conversationId}`);
    const panel = alice.getByTestId('contact-panel');
    await panel.getByTestId('contact-tag-add').selectOption(tag);
    await panel.getByTestId('contact-tags').getByRole('button', { name: `Remove tag ${tag}` }).waitFor();
    await panel.getByTestId(`contact-field-input-${fieldKey}`).selectOption('EU');
    await panel.getByTestId('contact-fields-save').click();
    await expect.poll(() => panel.getByTestId('contact-panel-notice').textContent().catch(() => null)).toBe('Saved.');
    const contact = (await api(`/conversations/${conversationId}`)).body.contact;
    expect(contact.tags).toContain(tag);
    expect(contact.fields[fieldKey]).toBe('EU');

    // 5. `/` opens the canned replies; typing filters; Enter inserts with the variables filled.
    const reply = alice.getByRole('textbox', { name: 'Reply' });
    await reply.click();
    await reply.pressSequentially(`/${shortcut.slice(0, 4)}`);
    const options = alice.getByRole('listbox', { name: 'Canned replies' });
    await options.getByRole('option', { name: new RegExp(`Greeting`) }).waitFor();
    expect(await reply.getAttribute('aria-activedescendant')).toBeTruthy();
    await screenshot(alice, 'canned-reply-listbox');
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe(`Hi ${contactName}, Alice here. Checking your order now.`);
    expect(await options.count()).toBe(0);
    await reply.press('Control+Enter');
    await alice.getByTestId('message-outgoing').filter({ hasText: `Hi ${contactName}, Alice here.` }).waitFor();

    // 6. Run workflow from the inbox: the branch sees the tag and the field and hands it to Carol.
    await panel.getByTestId('run-workflow-menu').click();
    await alice.getByTestId(`run-workflow-${routing}`).click();
    await expect.poll(() => panel.getByTestId('contact-panel-notice').textContent().catch(() => null)).toBe(`Started “Route VIPs ${sfx}”.`);
    await poll(async () => (await api(`/conversations/${conversationId}`)).body?.assigneeId === users.carol);
    const runs = await api(`/workflows/${routing}/runs?conversationId=${conversationId}`);
    expect(runs.body.runs.map((r: { status: string }) => r.status)).toEqual(['completed']);
    await screenshot(alice, 'run-workflow-routed');

    // 7. The admin deletes the canned reply: it is gone from the list.
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('button', { name: `Delete /${shortcut}` }).click();
    await expect.poll(() => admin.getByTestId(`canned-reply-${shortcut}`).count()).toBe(0);
  });
});

// Builds the seed scenario in the browser by dragging steps from the palette, configures each
// through the side panel, publishes, reloads, and then checks that a customer message sent
// through the API is assigned the way the workflow says.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, 'screenshots');
const base = () => process.env.BATON_E2E_URL!;
const api = (p: string, init: RequestInit = {}) =>
  fetch(base() + p, {
    ...init,
    headers: { authorization: `Bearer ${process.env.BATON_E2E_API_KEY}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1920, height: 1200 } });
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
});

const node = (id: string) => page.getByTestId(`node-${id}`);
const problemMarker = (id: string) => page.getByTestId(`node-problem-${id}`);

async function signIn(email: string) {
  await page.goto(base() + '/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('baton-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Drops a palette item on the canvas at (dx, dy) from the canvas' top-left; returns the new step id. */
async function dropStep(type: string, dx: number, dy: number): Promise<string> {
  const before = await page.locator(`[data-type="${type}"]`).count();
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x: dx, y: dy } });
  await expect.poll(() => page.locator(`[data-type="${type}"]`).count()).toBe(before + 1);
  // A dropped step is selected, so the panel shows it.
  const id = await page.getByTestId('side-panel').getAttribute('data-step-id');
  expect(id).toMatch(new RegExp(`^${type}-`));
  return id!;
}

async function center(l: Locator) {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

async function connect(source: string, handle: string, target: string) {
  const from = await center(page.getByTestId(`handle-${source}-${handle}`));
  const to = await center(page.getByTestId(`handle-${target}-in`));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-id="${source}--${handle.replace(/[^A-Za-z0-9_-]/g, '_')}--${target}"]`).waitFor({ state: 'attached' });
}

async function select(id: string) {
  // A click that lands while the canvas is still fitting the view selects nothing: retry it.
  await expect
    .poll(
      async () => {
        const current = await page.getByTestId('side-panel').getAttribute('data-step-id');
        if (current !== id) await node(id).locator('p').first().click();
        return page.getByTestId('side-panel').getAttribute('data-step-id');
      },
      { timeout: 15_000 },
    )
    .toBe(id);
}

async function pickOptionStartingWith(testId: string, prefix: string) {
  const field = page.getByTestId(testId);
  const value = await field.evaluate(
    (el, p) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(p))?.value ?? null,
    prefix,
  );
  expect(value, `${testId} has an option starting with ${prefix}`).toBeTruthy();
  await field.selectOption(value!);
}

describe('visual workflow builder', () => {
  const name = `E2E builder ${Date.now()}`;
  let workflowUrl = '';
  const ids = {} as { assignSales: string; wait: string; branch: string; assignSupport: string; comment: string };

  it('builds, configures and publishes the seed scenario by hand', async () => {
    await signIn('admin@acme.test');
    await page.goto(base() + '/workflows');
    await page.getByTestId('new-workflow').click();
    await page.getByTestId('template-blank').click();
    await page.getByTestId('create-workflow-name').fill(name);
    await page.getByTestId('create-workflow-submit').click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    workflowUrl = page.url();
    await node('trigger').waitFor({ state: 'visible' });

    // Make room: drag the trigger to the top of the canvas (a node drag, saved as a move).
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const start = await center(node('trigger'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x, canvas.y + 200, { steps: 6 });
    await page.mouse.move(start.x, canvas.y + 70, { steps: 6 });
    await page.mouse.up();
    const trig = (await node('trigger').boundingBox())!;
    const cx = trig.x - canvas.x + trig.width / 2;
    const top = trig.y - canvas.y + trig.height;

    ids.assignSales = await dropStep('assign', cx, top + 90);
    await problemMarker(ids.assignSales).waitFor({ state: 'visible' }); // nothing leads to it yet
    await connect('trigger', 'next', ids.assignSales);
    await problemMarker(ids.assignSales).waitFor({ state: 'detached' });

    ids.wait = await dropStep('wait', cx - 120, top + 230);
    ids.branch = await dropStep('branch', cx - 120, top + 370);
    ids.assignSupport = await dropStep('assign', cx - 120, top + 510);
    ids.comment = await dropStep('comment', cx - 120, top + 650);
    await page.screenshot({ path: path.join(shots, 'builder-1-dropped.png') });

    await connect(ids.assignSales, 'next', ids.wait);
    await connect(ids.wait, 'next', ids.branch);
    await connect(ids.branch, 'branch:b1', ids.assignSupport);
    await connect(ids.assignSupport, 'next', ids.comment);
    for (const id of Object.values(ids)) await problemMarker(id).waitFor({ state: 'detached' });

    // Assign → Sales, round robin, online only. Choosing "team" without a team is a problem
    // on the node until a team is picked.
    await select(ids.assignSales);
    await page.getByTestId('field-assign-target-type').selectOption('team');
    await problemMarker(ids.assignSales).waitFor({ state: 'visible' });
    await pickOptionStartingWith('field-assign-team', 'Sales');
    await problemMarker(ids.assignSales).waitFor({ state: 'detached' });
    await page.getByTestId('field-assign-logic').selectOption('round_robin');
    expect(await page.getByTestId('field-assign-only-online').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId(`node-summary-${ids.assignSales}`).textContent()).toBe('Assign to Sales · round robin · online only');

    // Wait 3 seconds; an empty amount is flagged on the field and the node.
    await select(ids.wait);
    await page.getByTestId('field-wait-amount').fill('');
    await problemMarker(ids.wait).waitFor({ state: 'visible' });
    await page.getByTestId('field-wait-amount').fill('3');
    await page.getByTestId('field-wait-unit').selectOption('seconds');
    await problemMarker(ids.wait).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`node-summary-${ids.wait}`).textContent()).toBe('Wait 3 seconds');

    // Branch: status is open AND no outgoing message.
    await select(ids.branch);
    await page.getByTestId('field-condition-0-0-kind').selectOption('conversation_status');
    await page.getByTestId('field-condition-0-0-operator').selectOption('is');
    await page.getByTestId('field-condition-0-0-value').selectOption('open');
    await page.getByTestId('branch-0-add-condition').click();
    await page.getByTestId('field-condition-0-1-kind').selectOption('last_outgoing_message');
    await page.getByTestId('field-condition-0-1-operator').selectOption('not_exists');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.branch}`).textContent()).toBe('If open and no agent reply · else');

    // Assign → Support.
    await select(ids.assignSupport);
    await page.getByTestId('field-assign-target-type').selectOption('team');
    await pickOptionStartingWith('field-assign-team', 'Support');
    await problemMarker(ids.assignSupport).waitFor({ state: 'detached' });

    // Comment mentioning the current assignee; an unknown variable is a problem until fixed.
    await select(ids.comment);
    await page.getByTestId('field-comment-text').fill('Reassigned to you: {{nobody}}');
    await problemMarker(ids.comment).waitFor({ state: 'visible' });
    await page.getByTestId('field-comment-text').fill('Reassigned to you: ');
    await page.getByTestId('comment-var-previous_assignee.name').click();
    await page.getByTestId('field-comment-mention-add').selectOption('current_assignee');
    await problemMarker(ids.comment).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`node-summary-${ids.comment}`).textContent()).toBe('Add comment mentioning current assignee');

    await expect.poll(() => page.getByTestId('problems-button').getAttribute('data-count')).toBe('0');
    await page.getByTestId('auto-layout').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'builder-2-configured.png') });

    expect(await page.getByTestId('publish').isEnabled()).toBe(true);
    await page.getByTestId('publish').click();
    // The publish dialog: nothing in flight on a first publish; confirm.
    await page.getByTestId('publish-dialog').getByTestId('publish-warnings').waitFor();
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('editor-notice').textContent()).toContain('Published version 1');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await expect.poll(() => page.getByTestId('workflow-status').textContent()).toContain('Published');
  });

  it('finds the same graph after a reload', async () => {
    await page.goto(workflowUrl);
    await node('trigger').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(5);
    await expect.poll(() => page.getByTestId(`node-summary-${ids.assignSales}`).textContent()).toBe('Assign to Sales · round robin · online only');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.wait}`).textContent()).toBe('Wait 3 seconds');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.branch}`).textContent()).toBe('If open and no agent reply · else');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.assignSupport}`).textContent()).toBe('Assign to Support · round robin · online only');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.comment}`).textContent()).toBe('Add comment mentioning current assignee');
    for (const [source, handle, target] of [
      ['trigger', 'next', ids.assignSales],
      [ids.assignSales, 'next', ids.wait],
      [ids.wait, 'next', ids.branch],
      [ids.branch, 'branch_b1', ids.assignSupport],
      [ids.assignSupport, 'next', ids.comment],
    ]) {
      await page.locator(`.react-flow__edge[data-id="${source}--${handle}--${target}"]`).waitFor({ state: 'attached' });
    }
    await expect.poll(() => page.getByTestId('problems-button').getAttribute('data-count')).toBe('0');
    await page.screenshot({ path: path.join(shots, 'builder-3-reloaded.png') });
  });

  it('assigns a new customer conversation to an online Sales member', async () => {
    const users = (await (await api('/api/v1/users')).json()).users as Array<{ id: string; name: string; availability: string; teams: unknown[] }>;
    const inTeam = (u: { teams: unknown[] }, team: string) =>
      u.teams.some((t) => (typeof t === 'string' ? t : (t as { name?: string }).name) === team);
    const onlineSales = users.filter((u) => inTeam(u, 'Sales') && u.availability === 'online').map((u) => u.id);
    expect(onlineSales.length).toBeGreaterThan(0);

    const res = await api(`/api/v1/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      body: JSON.stringify({ contact: { externalId: `e2e-builder-${Date.now()}`, name: 'Builder Test' }, text: 'Hi' }),
    });
    expect(res.status).toBeLessThan(300);
    const { conversationId } = (await res.json()) as { conversationId: string };

    const workflowId = workflowUrl.split('/').pop()!;
    let assigneeId: string | null = null;
    let ranOurs = false;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(assigneeId && ranOurs)) {
      const c = await (await api(`/api/v1/conversations/${conversationId}`)).json();
      assigneeId = c.assignee?.id ?? c.assigneeId ?? null;
      const runs = await (await api(`/api/v1/workflows/${workflowId}/runs`)).json();
      ranOurs = (runs.runs as Array<{ conversationId: string }>).some((r) => r.conversationId === conversationId);
      if (!(assigneeId && ranOurs)) await new Promise((r) => setTimeout(r, 300));
    }
    expect(ranOurs, 'the workflow built in the browser ran for the conversation').toBe(true);
    expect(onlineSales).toContain(assigneeId);
  });

  it('copies, pastes, deletes and undoes on the canvas with the keyboard', async () => {
    await page.goto(workflowUrl);
    await node(ids.comment).waitFor({ state: 'visible' });
    const count = () => page.locator('.react-flow__node').count();
    await select(ids.comment);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(count).toBe(7);
    const pastedId = await page.getByTestId('side-panel').getAttribute('data-step-id');
    expect(pastedId).not.toBe(ids.comment);
    await page.keyboard.press('Delete');
    await expect.poll(count).toBe(6);
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(7);
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(6);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(count).toBe(7);
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(6);
    // Back where it was: the draft equals what was saved, so the indicator says so.
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  });

  it('lists versions, shows one read-only and diffs it against the draft', async () => {
    await select(ids.wait);
    await page.getByTestId('field-wait-amount').fill('5');
    await expect.poll(() => page.getByTestId(`node-summary-${ids.wait}`).textContent()).toBe('Wait 5 seconds');
    await page.getByTestId('versions-toggle').click();
    await page.getByTestId('version-1').waitFor({ state: 'visible' });
    await page.getByTestId('version-1').getByRole('button', { name: 'Compare with draft' }).click();
    const diff = page.getByTestId('diff-dialog');
    await diff.waitFor({ state: 'visible' });
    await expect.poll(() => diff.textContent()).toContain('duration.amount');
    await page.screenshot({ path: path.join(shots, 'builder-4-diff.png') });
    await diff.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('version-1-view').click();
    await page.getByTestId('viewing-version-banner').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId(`node-summary-${ids.wait}`).textContent()).toBe('Wait 3 seconds');
    expect(await page.getByTestId('palette').count()).toBe(0);
    await page.getByRole('button', { name: 'Back to the draft' }).click();
    await expect.poll(() => page.getByTestId(`node-summary-${ids.wait}`).textContent()).toBe('Wait 5 seconds');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  });

  it('import shows the problems of a file instead of failing silently', async () => {
    const bad = {
      schemaVersion: 1,
      trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened' } },
      steps: [{ id: 'j', type: 'jump', config: { targetStepId: 'nowhere', maxJumps: 3 } }],
      edges: [{ id: 'e', source: 'trigger', sourceHandle: 'next', target: 'j' }],
    };
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByTestId('import-problems').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('import-problems').textContent()).toContain('nowhere');
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
    await expect.poll(() => page.getByTestId('import-error').textContent()).toContain('not valid JSON');
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).first().click();
    expect(await page.locator('.react-flow__node').count()).toBe(6);
  });

  it('shows workflows read-only to a lead', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const lead = await context.newPage();
    lead.setDefaultTimeout(15_000);
    await lead.goto(base() + '/sign-in');
    await lead.getByLabel('Email').fill('lead@acme.test');
    await lead.getByLabel('Password').fill('baton-demo');
    await lead.getByRole('button', { name: /sign in/i }).click();
    await lead.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await lead.goto(base() + '/workflows');
    expect(await lead.getByTestId('new-workflow').count()).toBe(0);
    await lead.goto(workflowUrl);
    await lead.getByTestId(`node-${ids.wait}`).waitFor({ state: 'visible' });
    expect(await lead.getByTestId('palette').count()).toBe(0);
    expect(await lead.getByTestId('publish').count()).toBe(0);
    await lead.getByTestId(`node-${ids.wait}`).locator('p').first().click();
    expect(await lead.getByTestId('field-wait-amount').isDisabled()).toBe(true);
    await lead.screenshot({ path: path.join(shots, 'builder-5-lead-read-only.png') });
    await context.close();
  });

  // Last, so later e2e files only see the seed's workflow react to new conversations.
  it('stops the workflow after a confirmation about runs in flight', async () => {
    await page.goto(workflowUrl);
    await page.getByTestId('stop').click();
    const dialog = page.getByTestId('stop-dialog');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.textContent()).toMatch(/in flight/);
    await page.getByTestId('stop-confirm').click();
    await expect.poll(() => page.getByTestId('workflow-status').textContent()).toContain('Stopped');
  });
});

// Issue 21: the inbox and the builder with the keyboard alone — no mouse click, no drag.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, baseUrl, launchBrowser, screenshot, signIn } from './browser';
import { customerWritesIn } from './app-pages';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { testid: el?.dataset.testid ?? null, id: el?.dataset.id ?? null, cls: el?.className ?? '', inPanel: !!el?.closest('[data-testid="side-panel"]') };
  });

/** Presses Tab (or Shift+Tab) until `match` holds for the focused element, as a person would. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (match(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses (at ${JSON.stringify(await focused(page))})`);
}
const node = (id: string) => (f: { id: string | null; cls: string }) => f.id === id && f.cls.includes('react-flow__node');

describe('keyboard only', () => {
  it('the inbox: reach the list, move through it with the arrows, reply and close', async () => {
    await customerWritesIn(); // at least two conversations to move between
    const conversationId = await customerWritesIn();
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/inbox?view=all`);
    await page.getByTestId('conversation-list').waitFor();

    await tabTo(page, (f) => f.testid === 'conversation-list');
    await page.keyboard.press('Home');
    await page.getByTestId('conversation-pane').waitFor();
    // Down and up again: each move opens that conversation.
    const first = await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id')).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id')).toBe(first);
    expect(await page.getByTestId('conversation-list').getAttribute('aria-activedescendant')).toBe(`conversation-option-${first}`);

    // Open ours, reply (r, type, Ctrl+Enter), close it (e).
    while ((await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id')) !== conversationId) {
      const before = await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-conversation-id')).not.toBe(before);
    }
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reply');
    const reply = `Keyboard reply ${randomUUID().slice(0, 6)}`;
    await page.keyboard.type(reply);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('message-outgoing').filter({ hasText: reply }).waitFor();
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('e');
    await expect.poll(async () => (await api(`/conversations/${conversationId}`)).body?.status).toBe('closed');
    await screenshot(page, 'keyboard-inbox');
  });

  it('the builder: add a wait step after the trigger, configure it and publish without the mouse', async () => {
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/workflows`);
    const name = `Keyboard ${randomUUID().slice(0, 6)}`;

    // New workflow: the dialog opens with the name field focused; blank is the default template.
    await tabTo(page, (f) => f.testid === 'new-workflow');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.testid)).toBe('create-workflow-name');
    await page.keyboard.type(name);
    await tabTo(page, (f) => f.testid === 'create-workflow-submit');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const workflowId = page.url().split('/').pop()!;
    await page.locator('.react-flow__node[data-id="trigger"]').waitFor();

    // Tab reaches the trigger on the canvas; Enter opens it in the side panel, focus inside.
    await tabTo(page, node('trigger'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('side-panel').getAttribute('data-step-id')).toBe('trigger');
    await expect.poll(() => focused(page).then((f) => f.inPanel)).toBe(true);
    // Escape goes back to the step; the trigger stays selected.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe('trigger');

    // Back to the palette: Wait is added after the selected trigger, connected, and opened.
    await tabTo(page, (f) => f.testid === 'palette-wait', { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('side-panel').getAttribute('data-step-id')).toMatch(/^wait-/);
    const waitId = (await page.getByTestId('side-panel').getAttribute('data-step-id'))!;
    await page.locator(`.react-flow__edge[data-id="trigger--next--${waitId}"]`).waitFor({ state: 'attached' });
    await expect.poll(() => focused(page).then((f) => f.inPanel)).toBe(true);

    // Configure: 15 minutes.
    await tabTo(page, (f) => f.testid === 'field-wait-amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15');
    await page.keyboard.press('Tab');
    expect((await focused(page)).testid).toBe('field-wait-unit');
    await page.getByTestId('field-wait-unit').press('m'); // "minutes" by its first letter
    await expect.poll(() => page.getByTestId('field-wait-unit').inputValue()).toBe('minutes');
    await expect.poll(() => page.getByTestId(`node-summary-${waitId}`).textContent()).toContain('15 minutes');

    // Arrows move between steps on the canvas.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe(waitId);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe('trigger');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page).then((f) => f.id)).toBe(waitId);
    await screenshot(page, 'keyboard-builder');

    try {
      await publishAndCheck(page, workflowId, waitId);
    } finally {
      // Leave nothing running for other tests: the workflow would start on every new conversation.
      await api(`/workflows/${workflowId}/unpublish`, { method: 'POST' });
    }
  });
});

async function publishAndCheck(page: Page, workflowId: string, waitId: string) {
  // Publish from the top bar.
  await expect.poll(() => page.getByTestId('problems-button').getAttribute('data-count')).toBe('0');
  await tabTo(page, (f) => f.testid === 'publish', { back: true });
  await page.keyboard.press('Enter');
  // The publish dialog (runs in flight, warnings): Tab stays inside it; confirm from the keyboard.
  await expect.poll(() => page.getByTestId('publish-confirm').isEnabled()).toBe(true);
  await tabTo(page, (f) => f.testid === 'publish-confirm');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('editor-notice').textContent()).toContain('Published version 1');

  const saved = await api(`/workflows/${workflowId}`);
  expect(saved.body.status).toBe('published');
  const def = saved.body.definition as { steps: { id: string; type: string; config: { duration?: unknown } }[]; edges: { source: string; target: string }[] };
  expect(def.steps).toEqual([expect.objectContaining({ id: waitId, type: 'wait', config: expect.objectContaining({ duration: { amount: 15, unit: 'minutes' } }) })]);
  expect(def.edges).toEqual([expect.objectContaining({ source: 'trigger', target: waitId })]);
}

// Issue 21: a 100-step workflow in the builder on a laptop screen. Fitted to the canvas its text
// would be under 5 px, so the canvas draws each step's frame, icon and problem badge only ("far
// zoom": that text, the shadows and the dot grid were most of the paint work of each frame of a drag) while a
// screen reader still gets every step's words; zoomed in, the text is back. The seeded workflow
// on the smallest laptop size is not affected. The minimap is hidden while a step is dragged and
// comes back after; the move is saved.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { longWorkflow } from '@baton/engine/test-support/long-workflow';
import { api, baseUrl, launchBrowser, screenshot, signIn } from './browser';
import { seededWorkflowPath, settle } from './app-pages';

let browser: Browser;
let workflowId: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const created = await api('/workflows', { method: 'POST', json: { name: `100 steps ${randomUUID().slice(0, 6)}`, definition: longWorkflow(100) } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  workflowId = created.body.id;
});
afterAll(async () => {
  await browser?.close();
});

async function adminAt(size: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: size })).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, 'admin@acme.test');
  return page;
}

const visibility = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).visibility);

describe('a 100-step workflow', () => {
  it('fitted on screen shows frames and icons, keeps every step named for a screen reader, and shows the text again zoomed in', async () => {
    const page = await adminAt({ width: 1440, height: 900 });
    await page.goto(`${baseUrl()}/workflows/${workflowId}`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(100);
    const canvas = page.getByTestId('canvas');
    await expect.poll(() => canvas.getAttribute('data-zoom')).toBe('far');
    await screenshot(page, 'large-workflow-far');

    const s45 = page.locator('.react-flow__node[data-id="s45"]');
    expect(await visibility(page, '[data-testid="node-summary-s45"]')).toBe('hidden');
    expect(await page.locator('.react-flow__background').count(), 'no dot grid at far zoom').toBe(0);
    expect(await s45.locator('span[aria-hidden]').first().isVisible()).toBe(true); // the step's icon
    // Hidden for the eye, not for a screen reader: the step's title and summary are in its accessible text.
    expect(await s45.ariaSnapshot()).toContain('Step 45');

    // Zoom in (the zoom control, as a person would) until the text is drawn again.
    for (let i = 0; i < 6 && (await canvas.getAttribute('data-zoom')) === 'far'; i++) {
      await page.locator('.react-flow__controls-zoomin').click();
      await page.waitForTimeout(150);
    }
    await expect.poll(() => canvas.getAttribute('data-zoom')).toBe('near');
    expect(await visibility(page, '.react-flow__node[data-id="trigger"] [data-testid="node-summary-trigger"]')).toBe('visible');
    expect(await page.locator('.step-node-far-label').first().isVisible()).toBe(false);
    expect(await page.locator('.react-flow__background').count()).toBe(1);
  });

  it('dragging a step hides the minimap until it is dropped, and the new position is saved', async () => {
    const page = await adminAt({ width: 1440, height: 900 });
    await page.goto(`${baseUrl()}/workflows/${workflowId}`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(100);
    await page.locator('.react-flow__minimap').waitFor();
    await settle(page);
    const before = (await api(`/workflows/${workflowId}`)).body.definition.steps.find((s: { id: string }) => s.id === 's45').position;

    const box = (await page.locator('.react-flow__node[data-id="s45"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 4);
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(0);
    await page.mouse.up();
    await page.locator('.react-flow__minimap').waitFor();

    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    const after = (await api(`/workflows/${workflowId}`)).body.definition.steps.find((s: { id: string }) => s.id === 's45').position;
    expect(after.x).toBeGreaterThan(before.x);
    expect(after.y).toBeGreaterThan(before.y);
  });

  it('the seeded workflow on a 1280×800 laptop keeps its text (not far zoom)', async () => {
    const page = await adminAt({ width: 1280, height: 800 });
    await page.goto(baseUrl() + (await seededWorkflowPath(page)));
    await page.locator('.react-flow__node').first().waitFor();
    await settle(page);
    expect(await page.getByTestId('canvas').getAttribute('data-zoom')).toBe('near');
    expect(await visibility(page, '[data-testid^="node-summary-"]')).toBe('visible');
  });
});

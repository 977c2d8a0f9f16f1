// Issue 21: every page on a laptop screen (1280×800 and 1440×900). Nothing wraps or is cut
// off; the builder's top bar folds its secondary actions into "More" when it is short of
// room; the seeded workflow's canvas shows every step on open and after tidy-up, none of
// them under the minimap or the zoom controls. Screenshots: e2e/screenshots/laptop-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';
import { customerWritesIn, LAPTOP_SIZES, seededWorkflowPath, settle, someRunPath } from './app-pages';
import { cutOffHorizontally, inside, overlaps, wrappedControls, type Rect } from './layout-checks';

let browser: Browser;
let conversationId: string;
beforeAll(async () => {
  browser = await launchBrowser();
  conversationId = await customerWritesIn();
});
afterAll(async () => {
  await browser?.close();
});

async function adminAt(size: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: size, timezoneId: 'Europe/Paris' })).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, 'admin@acme.test');
  return page;
}

/** Every step of the canvas inside the canvas, and none under the minimap or the zoom controls. */
async function canvasProblems(page: Page): Promise<string[]> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const overlays: { name: string; box: Rect }[] = [];
  for (const [name, selector] of [
    ['minimap', '.react-flow__minimap'],
    ['zoom controls', '.react-flow__controls'],
  ] as const) {
    const el = page.locator(selector);
    if ((await el.count()) > 0) overlays.push({ name, box: (await el.boundingBox())! });
  }
  const out: string[] = [];
  const nodes = page.locator('.react-flow__node');
  const count = await nodes.count();
  if (count === 0) out.push('no steps on the canvas');
  for (let i = 0; i < count; i++) {
    const node = nodes.nth(i);
    const id = await node.getAttribute('data-id');
    const box = (await node.boundingBox())!;
    if (!inside(box, canvas)) out.push(`step ${id} is outside the canvas viewport`);
    for (const o of overlays) if (overlaps(box, o.box)) out.push(`step ${id} is under the ${o.name}`);
  }
  return out;
}

/** The view settles after the fit animation (300 ms): wait until two reads agree. */
async function viewportSettled(page: Page) {
  let last = '';
  await expect
    .poll(async () => {
      const now = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
      const same = now === last;
      last = now;
      return same;
    }, { interval: 250 })
    .toBe(true);
}

describe.each(LAPTOP_SIZES)('at $width×$height', (size) => {
  const tag = `${size.width}x${size.height}`;

  it('the builder: the top bar fits on one line and the whole workflow is on the canvas', async () => {
    const page = await adminAt(size);
    await page.goto(baseUrl() + (await seededWorkflowPath(page)));
    await page.locator('.react-flow__node').first().waitFor();
    await settle(page);
    await viewportSettled(page);
    await screenshot(page, `laptop-builder-${tag}`);

    // The top bar: its row does not overflow, no control breaks onto two lines, and what did
    // not fit is in the "More" menu rather than gone.
    const row = page.getByTestId('editor-top-bar-row');
    const { scrollWidth, clientWidth } = await row.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth, 'top bar row overflows').toBeLessThanOrEqual(clientWidth);
    expect(await wrappedControls(page, '[data-testid="editor-top-bar"]', 'button, a, [role="status"], span')).toEqual([]);
    const barHeight = (await page.getByTestId('editor-top-bar').boundingBox())!.height;
    expect(barHeight).toBeLessThanOrEqual(57);
    const folded = (await page.getByTestId('editor-top-bar').getAttribute('data-folded')) === 'true';
    if (folded) {
      await page.getByTestId('more-actions').click();
      for (const id of ['auto-layout', 'versions-toggle', 'export-json', 'import-json']) await page.getByTestId(id).waitFor();
      await screenshot(page, `laptop-builder-more-menu-${tag}`);
      await page.keyboard.press('Escape');
    } else {
      for (const id of ['auto-layout', 'versions-toggle', 'export-json', 'import-json']) await page.getByTestId(id).waitFor();
    }

    expect(await canvasProblems(page)).toEqual([]);

    // Tidy up lays the flow out again and fits it again.
    if (folded) await page.getByTestId('more-actions').click();
    await page.getByTestId('auto-layout').click();
    await viewportSettled(page);
    expect(await canvasProblems(page)).toEqual([]);
    await screenshot(page, `laptop-builder-tidied-${tag}`);
    // Tidy-up is an edit: undo it so the seeded workflow's draft stays as it was for other tests.
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
  });

  it('the other pages: no control wraps and nothing is cut off', async () => {
    const page = await adminAt(size);
    const runPath = await someRunPath(page);
    const pages: [string, string][] = [
      ['inbox', `/inbox?view=all&c=${conversationId}`],
      ['runs', '/runs'],
      ['run-detail', runPath],
      ['metrics', '/runs/metrics?days=7'],
      ['team', '/team'],
      ['settings', '/settings'],
    ];
    for (const [name, path] of pages) {
      await page.goto(baseUrl() + path);
      if (name === 'inbox') await page.getByTestId('conversation-pane').waitFor();
      await settle(page);
      await screenshot(page, `laptop-${name}-${tag}`);
      expect(await cutOffHorizontally(page), `${name}: cut off`).toEqual([]);
      expect(await wrappedControls(page), `${name}: wrapped controls`).toEqual([]);
    }
  });
});

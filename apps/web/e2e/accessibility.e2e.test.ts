// Issue 21: every page passes axe-core (Deque's engine, through @axe-core/playwright) with no
// serious or critical violation; focus is visible on everything Tab reaches; dialogs keep
// focus inside and give it back. Pages added later under Settings are found through the
// settings page's own links, so they are checked too. Pages that need a state built first are
// checked where a spec builds it: a finished simulation, its failed-steps canvas and a sample
// trace (simulate), the invitation page signed out and signed in, and the no-workspace page
// (invitations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, signIn } from './browser';
import { customerWritesIn, seededWorkflowPath, settle, someRunPath } from './app-pages';
import { seriousViolations } from './axe-check';

let browser: Browser;
let conversationId: string;
beforeAll(async () => {
  browser = await launchBrowser();
  conversationId = await customerWritesIn();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Tabs through up to `max` stops; returns those where nothing shows which element has focus. */
async function focusWithoutIndicator(page: Page, max = 40): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const missing: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // nextjs-portal: the development overlay of `next dev` (absent from production builds).
      if (!el || el === document.body || el.tagName === 'NEXTJS-PORTAL') return null;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const ring = s.boxShadow !== 'none';
      const label = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
      return { ok: outline || ring, label };
    });
    if (r && !r.ok) missing.push(r.label);
  }
  return missing;
}

describe('accessibility', () => {
  it('the sign-in and sign-up pages have no serious or critical violations', async () => {
    const page = await newPage();
    for (const path of ['/sign-in', '/sign-up']) {
      await page.goto(baseUrl() + path);
      await settle(page);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  /** Visits each path and collects its violations; one failure lists every page at once. */
  async function checkPages(paths: (page: Page) => Promise<string[]>) {
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    const failures: Record<string, string[]> = {};
    for (const path of await paths(page)) {
      await page.goto(baseUrl() + path);
      await settle(page);
      const v = await seriousViolations(page);
      if (v.length) failures[path] = v;
    }
    return { page, failures };
  }

  it('the inbox and the workflows list have no serious or critical violations', async () => {
    const { failures } = await checkPages(async () => [`/inbox?view=all&c=${conversationId}`, '/inbox?view=closed', '/workflows']);
    expect(failures).toEqual({});
  });

  it('the builder and its simulate page have none, with nothing or a step selected', async () => {
    const { page, failures } = await checkPages(async (p) => {
      const builder = await seededWorkflowPath(p);
      return [`${builder}/simulate`, builder];
    });
    await page.locator('.react-flow__node[data-id="wait"]').click();
    await page.locator('[data-testid="side-panel"][data-step-id="wait"]').waitFor();
    const panel = await seriousViolations(page);
    if (panel.length) failures['builder, a step selected'] = panel;
    expect(failures).toEqual({});
  });

  it('the runs pages have none', async () => {
    const { failures } = await checkPages(async (p) => ['/runs', await someRunPath(p), '/runs/timers', '/runs/queue', '/runs/analytics', '/runs/metrics?days=7']);
    expect(failures).toEqual({});
  });

  it('team, settings and every settings page linked from it have none', async () => {
    const { failures } = await checkPages(async (p) => {
      await p.goto(`${baseUrl()}/settings`);
      const linked = await p.evaluate(() => [...new Set([...document.querySelectorAll<HTMLAnchorElement>('main a[href^="/settings/"]')].map((a) => new URL(a.href).pathname))]);
      return ['/team', '/settings', ...linked];
    });
    expect(failures).toEqual({});
  });

  it('the new-workflow dialog has no violations, keeps Tab inside, and gives focus back on Escape', async () => {
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/workflows`);
    await page.getByTestId('new-workflow').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), `focus left the dialog after ${i + 1} presses`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' }).catch(() => page.locator('dialog[open]').waitFor({ state: 'hidden' }));
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('new-workflow');
  });

  it('the notifications panel takes focus when opened from the keyboard, and Escape gives it back to the bell', async () => {
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/inbox`);
    await page.getByTestId('notification-bell').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('notification-panel').waitFor();
    // The panel is at the end of the page: the next Tab must land inside it, not in the sidebar.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="notification-panel"]'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="notification-panel"]')), 'Tab left the panel').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('notification-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('notification-bell');
  });

  it('focus is visible on every element Tab reaches', async () => {
    const page = await newPage();
    await signIn(page, 'admin@acme.test');
    const builderPath = await seededWorkflowPath(page);
    const failures: Record<string, string[]> = {};
    for (const [path, stops] of [
      [`/inbox?view=all&c=${conversationId}`, 30],
      [builderPath, 45],
      ['/runs', 25],
      ['/team', 30],
      ['/settings', 25],
    ] as const) {
      await page.goto(baseUrl() + path);
      await settle(page);
      const missing = await focusWithoutIndicator(page, stops);
      if (missing.length) failures[path] = missing;
    }
    expect(failures).toEqual({});
  });
});

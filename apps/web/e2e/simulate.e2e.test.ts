// Issue #19 item 1: an admin opens Simulate from the builder, replays the last 7 days (the
// draft vs the published seed workflow), sees the comparison charts and the differences
// table, and opens a sample conversation's step-by-step path like a run's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, baseUrl, launchBrowser, screenshot, signIn } from './browser';
import { customerWritesIn, seededWorkflowPath } from './app-pages';
import { seriousViolations } from './axe-check';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Simulate', () => {
  it('an admin simulates the draft against recorded traffic, sees the charts and opens a sample trace', async () => {
    // Recorded traffic: a few customers write in (the seeded workflow routes them).
    for (let i = 0; i < 3; i++) await customerWritesIn();
    // Wide enough that the top bar does not fold (the folded menu is the laptop-sizes test's).
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}${await seededWorkflowPath(page)}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if ((await page.getByTestId('editor-top-bar').getAttribute('data-folded')) === 'true') await page.getByTestId('more-actions').click();
    await page.getByTestId('simulate').click();
    await page.waitForURL(/\/simulate$/);

    await page.getByTestId('simulation-start').click();
    await page.waitForURL(/\/simulate\?simulation=/);
    await page.getByTestId('simulation-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('simulation-reply-model').textContent()).toContain('Replies:');
    // Both versions' bars are drawn (recharts renders SVG once sized).
    for (const chart of ['chart-queued-by-hour', 'chart-no-one-by-hour', 'chart-assignments-per-agent'])
      await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
    const rows = page.getByTestId('simulation-differences').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    expect(await rows.first().textContent()).toContain('Runs started');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulate-results');

    await page.getByTestId('simulation-sample-link').first().click();
    await page.getByTestId('simulated-path-published').waitFor();
    await page.getByTestId('simulated-path-draft').waitFor();
    expect(await page.getByTestId('simulated-path-published').getByTestId('timeline-step-trigger').count()).toBe(1);
    expect(await page.getByTestId('simulated-path-published').getByTestId('timeline-step-assign').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page), 'a sample conversation\'s simulated paths').toEqual([]);
    await screenshot(page, 'simulate-sample-trace');
  }, 150_000);

  it('a draft with a broken step is still simulated, and the step its runs failed at is marked on the canvas', async () => {
    await customerWritesIn();
    // A draft-only workflow (never runs for real) whose assign step names no team.
    const created = await api('/workflows', {
      method: 'POST',
      json: {
        name: `Broken draft ${Date.now()}`,
        definition: {
          schemaVersion: 1,
          trigger: { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'conversation.opened', conditions: [] } },
          steps: [{ id: 'assign-nowhere', type: 'assign', position: { x: 0, y: 160 }, config: { target: { type: 'team' }, logic: 'round_robin', onlyOnline: true, maxOpen: null, excludeTried: false } }],
          edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign-nowhere' }],
        },
      },
    });
    expect(created.status).toBe(201);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/workflows/${created.body.id}/simulate`);
    await page.getByTestId('simulation-start').click();
    await page.getByTestId('simulation-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('simulation-failed-steps').textContent()).toContain('assign-nowhere');
    const marker = page.getByTestId('simulation-canvas').getByTestId('node-problem-assign-nowhere');
    await marker.waitFor();
    expect(await marker.getAttribute('aria-label')).toMatch(/simulated runs? failed here/);
    expect(await page.getByTestId('simulation-canvas').locator('[data-problems]:not([data-problems="0"])').count()).toBe(1);
    expect(await seriousViolations(page), 'results with the failed steps marked on the canvas').toEqual([]);
    await screenshot(page, 'simulate-failed-steps');
  }, 150_000);
});

// Issue 17: an admin sets a team's opening hours (a split shift) and a holiday in the browser;
// bad input shows on its field and saves nothing; the team page then says when it opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function chooseTeam(page: Page, name: string) {
  const target = page.getByTestId('schedule-target');
  const value = await target.locator('option').evaluateAll((options, n) => (options as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(n))?.value ?? null, name);
  if (value === null) throw new Error(`no schedule target ${name}`);
  await target.selectOption(value);
}

describe('business hours', () => {
  it('an admin sets a split shift and a holiday; bad input saves nothing; the team page shows the hours', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/settings`);
    await page.getByTestId('settings-business-hours').click();
    await page.waitForURL(/\/settings\/business-hours$/);

    // An unknown zone is refused on its field.
    await page.getByTestId('workspace-zone').fill('Mars/Olympus_Mons');
    await page.getByTestId('workspace-zone-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Unknown time zone (use an IANA name such as Europe/Berlin)').count()).toBe(1);

    await chooseTeam(page, 'Sales');
    await expect.poll(() => page.getByTestId('schedule-not-set').count()).toBe(1);
    // Monday: 09:00–12:00 and 13:00–17:00; but first an end before its start and a bad holiday date.
    await page.getByTestId('day-mon-0-end').fill('08:00');
    await page.getByTestId('holiday-add').click();
    await page.getByTestId('holiday-0-name').fill('Christmas');
    await page.getByTestId('holiday-0-from').fill('25/12');
    await page.getByTestId('schedule-save').click();
    await expect.poll(() => page.getByTestId('error-day-mon-0-end').textContent()).toBe('Must end after it starts');
    expect(await page.getByTestId('error-holiday-0-from').textContent()).toBe('Use a date like 2026-12-25');
    expect(await page.getByTestId('schedule-message').textContent()).toContain('Nothing was saved');
    await screenshot(page, 'business-hours-errors');

    // Nothing was saved: after a reload Sales still has no hours of its own.
    await page.reload();
    await chooseTeam(page, 'Sales');
    await expect.poll(() => page.getByTestId('schedule-not-set').count()).toBe(1);

    await page.getByTestId('day-mon-0-end').fill('12:00');
    await page.getByTestId('day-mon-add').click();
    await page.getByTestId('day-mon-1-start').fill('13:00');
    await page.getByTestId('day-mon-1-end').fill('17:00');
    await page.getByTestId('holiday-add').click();
    await page.getByTestId('holiday-0-name').fill('Christmas');
    await page.getByTestId('holiday-0-from').fill('2026-12-25');
    await page.getByTestId('holiday-0-yearly').check();
    await page.getByTestId('schedule-save').click();
    await expect.poll(() => page.getByTestId('schedule-message').textContent()).toContain("Saved Sales's hours.");
    await screenshot(page, 'business-hours-saved');

    await page.reload();
    await chooseTeam(page, 'Sales');
    expect(await page.getByTestId('schedule-not-set').count()).toBe(0);
    expect(await page.getByTestId('day-mon-1-start').inputValue()).toBe('13:00');
    expect(await page.getByTestId('holiday-0-name').inputValue()).toBe('Christmas');
    expect(await page.getByTestId('holiday-0-yearly').isChecked()).toBe(true);

    await page.goto(`${baseUrl()}/team`);
    await expect.poll(() => page.getByTestId('team-hours-Sales').textContent()).toMatch(/^(Open now · closes .+|Closed · opens .+)$/);
    // Support has no hours of its own and the workspace none: always open.
    expect(await page.getByTestId('team-hours-Support').textContent()).toBe('Always open');
    await screenshot(page, 'team-opening-hours');

    // Back to the workspace's hours, so other specs see the seed as it was.
    await page.goto(`${baseUrl()}/settings/business-hours`);
    await chooseTeam(page, 'Sales');
    await page.getByTestId('schedule-delete').click();
    await expect.poll(() => page.getByTestId('schedule-message').textContent()).toContain('now uses the workspace');
  });
});

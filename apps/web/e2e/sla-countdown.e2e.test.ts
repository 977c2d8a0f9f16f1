// Issue 17: an admin adds an SLA policy in the browser (bad input is refused on its field and
// saves nothing); a conversation it matches shows an SLA badge in the inbox that counts down,
// and "SLA due soonest" puts it first.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, browserForSpec, screenshot, signIn } from './browser';

const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const browser = browserForSpec();

const secondsLeft = (text: string | null) => {
  const m = /SLA (?:(\d+)m )?(\d+)s left/.exec(text ?? '');
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : null;
};

describe('SLA policies', () => {
  it('an admin adds a policy; the inbox shows its badge counting down, due soonest first', async () => {
    const page = await (await browser().newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/settings`);
    await page.getByTestId('settings-sla').click();
    await page.waitForURL(/\/settings\/sla$/);

    // A target of zero and a warning share of 100 % are refused on their fields; nothing is saved.
    const name = `Urgent ${randomUUID().slice(0, 5)}`;
    await page.getByTestId('sla-new-name').fill(name);
    await page.getByTestId('sla-new-first-response').fill('0');
    await page.getByTestId('sla-new-warning').fill('100');
    await page.getByTestId('sla-new-priorities-urgent').check();
    await page.getByTestId('sla-new-save').click();
    await expect.poll(() => page.getByText('A target must be more than zero').count()).toBe(1);
    expect(await page.getByText('The warning share must be between 0 and 100 %').count()).toBe(1);
    await page.reload();
    expect(await page.getByTestId(`sla-policy-${name}`).count()).toBe(0);

    await page.getByTestId('sla-new-name').fill(name);
    await page.getByTestId('sla-new-first-response').fill('30');
    await page.getByTestId('sla-new-warning').fill('80');
    await page.getByTestId('sla-new-priorities-urgent').check();
    await page.getByTestId('sla-new-save').click();
    await expect.poll(() => page.getByTestId(`sla-policy-${name}`).count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'sla-policies');

    try {
      const contactName = `Sla ${randomUUID().slice(0, 5)}`;
      const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
        method: 'POST',
        json: { contact: { externalId: `sla-${randomUUID()}`, name: contactName }, text: 'It is urgent', priority: 'urgent', externalId: `msg-${randomUUID()}` },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);

      await page.goto(`${baseUrl()}/inbox?view=all&sort=due`);
      const row = page.locator('li', { hasText: contactName });
      // The worker plans the clock after the message commits; the inbox hears of it live (or on a reload).
      await expect
        .poll(
          async () => {
            if ((await row.getByTestId('sla-badge').count()) === 0) await page.reload();
            return row.getByTestId('sla-badge').count();
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBe(1);
      const badge = row.getByTestId('sla-badge');
      const first = secondsLeft(await badge.textContent());
      expect(first).not.toBeNull();
      expect(first!).toBeGreaterThan(25 * 60);
      expect(first!).toBeLessThanOrEqual(30 * 60);
      expect(await badge.getAttribute('data-breached')).toBe('false');
      // It counts down while the page is open (no reload).
      await expect.poll(async () => secondsLeft(await badge.textContent()), { timeout: 10_000 }).toBeLessThan(first!);
      // "Due soonest": conversations with a running clock come before those without one.
      expect(await page.locator('li[role="option"]').first().getByTestId('sla-badge').count()).toBe(1);
      await screenshot(page, 'sla-badge');
    } finally {
      // Other specs see the seed as it was.
      await page.goto(`${baseUrl()}/settings/sla`);
      await page.getByTestId(`sla-policy-${name}`).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.getByTestId(`sla-policy-${name}`).count(), { timeout: 20_000 }).toBe(0);
    }
  });
});

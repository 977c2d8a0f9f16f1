// Issue 17: an admin ticks "Pause while waiting on the customer" on an SLA policy in Settings;
// once an agent has answered, the inbox says the clock is paused — in words, in the list and in
// the conversation pane — and the API says so too; the customer's next message starts it again.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, baseUrl, browserForSpec, screenshot, signIn } from './browser';

const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const browser = browserForSpec();

/** Polls what the page shows, reloading when it does not show it yet (the worker re-plans the clocks after each commit). */
async function showsSoon(page: Page, shown: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        if (await shown()) return true;
        await page.reload();
        return shown();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(true);
}

describe('SLA paused while waiting on the customer', () => {
  it('the policy option, set in Settings, shows as a paused badge in the inbox once an agent has answered', async () => {
    const page = await (
      await browser().newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/settings/sla`);

    const name = `Pausing ${randomUUID().slice(0, 5)}`;
    await page.getByTestId('sla-new-name').fill(name);
    await page.getByTestId('sla-new-resolution').fill('60');
    await page.getByTestId('sla-new-pause-on-customer').check();
    await page.getByTestId('sla-new-priorities-urgent').check();
    await page.getByTestId('sla-new-save').click();
    const policy = page.getByTestId(`sla-policy-${name}`);
    await expect.poll(() => policy.count()).toBe(1);
    expect(await policy.textContent()).toContain('paused while waiting on the customer');

    try {
      const contactName = `Paused ${randomUUID().slice(0, 5)}`;
      const customerWrites = async (text: string) => {
        const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
          method: 'POST',
          json: {
            contact: { externalId: `sla-pause-${contactName}`, name: contactName },
            text,
            priority: 'urgent',
            externalId: `msg-${randomUUID()}`,
          },
        });
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
        return sent.body.conversationId as string;
      };
      const conversationId = await customerWrites('Where is my parcel?');

      // The customer waits on us: the resolution clock runs and counts down.
      await page.goto(`${baseUrl()}/inbox?view=all&sort=due`);
      const row = page.locator('li[role="option"]', { hasText: contactName });
      await showsSoon(page, async () => (await row.getByTestId('sla-badge').count()) === 1);
      expect(await row.getByTestId('sla-paused-badge').count()).toBe(0);

      // An agent answers: now we wait on the customer, and the clock is paused.
      await row.click();
      const pane = page.getByTestId('conversation-pane');
      await pane.getByTestId('conversation-title').filter({ hasText: contactName }).waitFor();
      await pane
        .getByPlaceholder('Write a reply to the customer…')
        .fill('It left our warehouse this morning.');
      await page.keyboard.press('Control+Enter');
      await pane.getByTestId('message-outgoing').waitFor();

      await showsSoon(page, async () => (await row.getByTestId('sla-paused-badge').count()) === 1);
      const badge = row.getByTestId('sla-paused-badge');
      // Words, not colour alone: the badge says what is paused and why — in the list "SLA paused"
      // is shown (the assignee keeps its room), the reason read out and in its title; the pane shows it all.
      expect(await badge.textContent()).toBe('SLA paused — waiting on customer');
      expect((await badge.boundingBox())!.width).toBeLessThan(100);
      expect(await badge.getAttribute('title')).toMatch(
        /^SLA paused — waiting on customer: .*runs on when the customer writes/,
      );
      expect(await row.getByTestId('sla-badge').count()).toBe(0);
      expect((await row.getByText('Alice', { exact: true }).boundingBox())!.width).toBeGreaterThan(
        20,
      );
      await row.click();
      const inPane = pane.getByTestId('conversation-sla').getByTestId('sla-paused-badge');
      await showsSoon(page, async () => (await inPane.count()) === 1);
      expect(await inPane.innerText()).toBe('SLA paused — waiting on customer');
      await screenshot(page, 'sla-paused-badge');

      // The API says the same: the resolution clock is paused, with no due time.
      const detail = await api(`/conversations/${conversationId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.sla).toEqual([
        expect.objectContaining({ kind: 'resolution', status: 'paused', dueAt: null }),
      ]);

      // The customer writes again: the clock runs on and counts down.
      await customerWrites('Thanks, and when will it arrive?');
      await showsSoon(page, async () => (await row.getByTestId('sla-badge').count()) === 1);
      expect(await row.getByTestId('sla-paused-badge').count()).toBe(0);
    } finally {
      // Other specs see the seed as it was.
      await page.goto(`${baseUrl()}/settings/sla`);
      await page.getByTestId(`sla-policy-${name}`).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.getByTestId(`sla-policy-${name}`).count(), { timeout: 20_000 }).toBe(0);
    }
  });
});

// The signed-in pages the layout and accessibility checks visit, and how to reach each with
// real content on it (a conversation open, a run with steps, the seeded workflow's canvas).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { api, baseUrl, poll } from './browser';

export const LAPTOP_SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

export const SEED_WORKFLOW = 'Reassign if no reply in 15 minutes';

/** A customer writes in, which starts the seeded workflow: a conversation and a run to look at. */
export async function customerWritesIn(): Promise<string> {
  const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
    method: 'POST',
    json: { contact: { externalId: `a11y-${randomUUID()}`, name: `Laptop ${randomUUID().slice(0, 6)}` }, text: 'Hello, can someone help me with my invoice?' },
  });
  if (sent.status !== 201) throw new Error(`message not accepted: ${JSON.stringify(sent.body)}`);
  return sent.body.conversationId as string;
}

export async function seededWorkflowPath(page: Page): Promise<string> {
  await page.goto(`${baseUrl()}/workflows`);
  const href = await page.getByRole('link', { name: SEED_WORKFLOW }).first().getAttribute('href');
  if (!href) throw new Error('the seeded workflow is not listed');
  return href;
}

/** A run's detail page: the newest run in the runs list (runs start a moment after a message). */
export async function someRunPath(page: Page): Promise<string> {
  return poll(async () => {
    await page.goto(`${baseUrl()}/runs`);
    const rows = page.getByTestId('run-row');
    if ((await rows.count()) === 0) return null;
    return rows.first().getByRole('link').first().getAttribute('href');
  });
}

/**
 * Waits until the page has settled: loaded, fonts in, and a moment for client components to
 * hydrate. (Not "networkidle": the inbox keeps a server-sent-events stream open.)
 */
export async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
}

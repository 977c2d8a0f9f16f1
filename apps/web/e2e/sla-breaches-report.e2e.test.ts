// Issue 17, leads' report: a conversation that breaches its SLA is listed under Runs → Metrics
// with a link to the conversation, counted in the attainment tables, and both CSV exports
// (attainment per day, team and agent; breaches with the conversation) carry it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, browserForSpec, screenshot, signIn } from './browser';

const CHANNEL_ID = process.env.BATON_E2E_CHANNEL_ID!;
const browser = browserForSpec();

describe('SLA breaches report', () => {
  it('a breached conversation is listed with its link, counted, and exported in both CSVs', async () => {
    const page = await (await browser().newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin@acme.test');
    await page.goto(`${baseUrl()}/settings/sla`);

    // A 3-second first-response target (0.05 minutes) for low-priority conversations only.
    const name = `Breach ${randomUUID().slice(0, 5)}`;
    await page.getByTestId('sla-new-name').fill(name);
    await page.getByTestId('sla-new-first-response').fill('0.05');
    await page.getByTestId('sla-new-warning').fill('50');
    await page.getByTestId('sla-new-priorities-low').check();
    await page.getByTestId('sla-new-save').click();
    await expect.poll(() => page.getByTestId(`sla-policy-${name}`).count(), { timeout: 20_000 }).toBe(1);

    try {
      const contactName = `Late ${randomUUID().slice(0, 5)}`;
      const sent = await api(`/channels/${CHANNEL_ID}/messages`, {
        method: 'POST',
        json: { contact: { externalId: `breach-${randomUUID()}`, name: contactName }, text: 'No rush', priority: 'low', externalId: `msg-${randomUUID()}` },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const conversationId = sent.body.conversationId as string;

      // The worker fires the breach ~3 s after the message; the metrics page lists it.
      await page.goto(`${baseUrl()}/runs/metrics`);
      const row = page.getByTestId('sla-breaches').locator('tr', { hasText: contactName });
      await expect
        .poll(
          async () => {
            if ((await row.count()) === 0) await page.reload();
            return row.count();
          },
          { timeout: 60_000, interval: 1_000 },
        )
        .toBe(1);
      expect(await row.getByRole('link', { name: contactName }).getAttribute('href')).toBe(`/inbox?view=all&c=${conversationId}`);
      expect(await row.textContent()).toContain('First response');
      // The attainment tables count it: some team or agent row has a breach.
      const breachedCells = await page.getByTestId('sla-attainment').locator('tbody tr td:nth-child(3)').allTextContents();
      expect(breachedCells.some((c) => Number(c) >= 1)).toBe(true);
      await screenshot(page, 'sla-breaches-report');

      const csv = (table: string) =>
        page.evaluate(async (t) => {
          const res = await fetch(`/api/internal/runs/metrics-export?table=${t}`);
          return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
        }, table);
      const breaches = await csv('sla-breaches');
      expect(breaches.status).toBe(200);
      expect(breaches.type).toContain('text/csv');
      const lines = breaches.body.split('\r\n');
      expect(lines[0]).toBe('breached_at,due_at,target,conversation_id,contact,team,assignee');
      const line = lines.find((l) => l.includes(conversationId));
      expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[^,]+,\\d{4}-\\d\\d-\\d\\dT[^,]+,first_response,${conversationId},${contactName},`));

      const attainment = await csv('sla');
      expect(attainment.status).toBe(200);
      const rows = attainment.body.split('\r\n').filter(Boolean);
      expect(rows[0]).toBe('day,dimension,id,name,met,breached,attainment');
      // Per team and per agent: each dimension has a row with a breach.
      for (const dimension of ['team', 'agent']) {
        expect(rows.slice(1).some((r) => r.split(',')[1] === dimension && Number(r.split(',')[5]) >= 1), `${dimension} row with a breach`).toBe(true);
      }
    } finally {
      // Other specs see the seed as it was.
      await page.goto(`${baseUrl()}/settings/sla`);
      await page.getByTestId(`sla-policy-${name}`).getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.getByTestId(`sla-policy-${name}`).count(), { timeout: 20_000 }).toBe(0);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, baseUrl, launchBrowser, poll, screenshot, signIn } from './browser';

// The seed scenario through the public API, then a lead watching it in Runs: the seeded
// workflow waits 15 minutes, so the run only moves on because the lead fires the timer.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('runs monitoring', () => {
  it('lets a lead find the run, read both assignments, and fire the pending timer from the board', async () => {
    const contactName = `Runs E2E ${randomUUID().slice(0, 6)}`;
    const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
      method: 'POST',
      json: { contact: { externalId: `runs-${randomUUID()}`, name: contactName }, text: 'Is anyone there?' },
    });
    expect(sent.status).toBe(201);
    const conversationId = sent.body.conversationId as string;
    const first = await poll(async () => {
      const r = await api(`/conversations/${conversationId}`);
      return r.body?.assignee ? r.body : null;
    });
    const firstAssignee = first.assignee.name as string;
    expect(['Alice', 'Bob']).toContain(firstAssignee);

    const page = await newPage();
    await signIn(page, 'lead@acme.test');

    // Runs list → the run, waiting.
    await page.goto(`${baseUrl()}/runs`);
    const row = page.getByTestId('run-row').filter({ hasText: contactName });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('waiting');
    await screenshot(page, 'runs-list');
    await row.getByRole('link', { name: 'Reassign if no reply in 15 minutes' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();

    // Run detail: the first assignment explained, the wait marked as the current step.
    const decisions = page.getByTestId('assignment-decision');
    await expect.poll(() => decisions.count()).toBe(1);
    const firstText = (await decisions.first().textContent()) ?? '';
    expect(firstText).toContain(`Assigned to ${firstAssignee}.`);
    expect(firstText).toContain('Pool: team Sales');
    expect(firstText).toMatch(/Tie-break: round robin/);
    await expect.poll(() => page.getByTestId('path-node-wait').getAttribute('data-current')).toBe('true');
    expect(await page.getByTestId('path-node-assign-first').getAttribute('data-visited')).toBe('true');
    expect(await page.getByTestId('path-node-assign-second').getAttribute('data-visited')).toBe('false');
    await screenshot(page, 'runs-detail-waiting');

    // Timers board: the run's timer, about 15 minutes away; fire it now.
    await page.goto(`${baseUrl()}/runs/timers`);
    const timer = page.getByTestId('timer-row').filter({ hasText: contactName });
    await expect.poll(() => timer.count()).toBe(1);
    await expect.poll(() => timer.getByTestId('countdown').textContent()).toMatch(/^in 1[45]m/);
    await screenshot(page, 'runs-timers-board');
    await timer.getByRole('button', { name: `Fire now for ${contactName}` }).click();
    // The worker resumes the run; the board refreshes until the timer is gone.
    await expect.poll(() => timer.count(), { timeout: 20_000 }).toBe(0);

    // The run moved on: reassigned to Support (Carol), completed, and the log says who fired it.
    const moved = await poll(async () => {
      const r = await api(`/conversations/${conversationId}`);
      return r.body?.assignee?.name === 'Carol' ? r.body : null;
    });
    expect(moved.assignee.name).toBe('Carol');
    await page.goto(runUrl);
    await expect.poll(async () => {
      await page.reload();
      return page.getByTestId('run-status').textContent();
    }, { timeout: 20_000 }).toContain('completed');
    await expect.poll(() => decisions.count()).toBe(2);
    expect(await decisions.nth(1).textContent()).toContain('Assigned to Carol.');
    expect(await decisions.nth(1).textContent()).toContain('Pool: team Support');
    expect(await page.getByTestId('timeline-step-manual').textContent()).toContain('Lee Lead fired the timer now');
    // One time format in the viewer's zone across the trace: the wait's "Due at" and the
    // fire-now entry's "was due at" name the same instant and read the same; no raw ISO.
    const trace = (await page.getByRole('list', { name: 'Step timeline' }).textContent()) ?? '';
    expect(trace).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // The engine's own sentences name instants in the workspace's zone ("At Tue 6 Jan 2026 09:00
    // (Europe/Paris) the conditions held"): the trace shows them like every other time.
    expect(trace).not.toMatch(/\d{2}:\d{2} \([A-Za-z]+\/[A-Za-z_]+\)/);
    // Its row's start time and the instant of its sentence (before: the start time only).
    expect(await page.getByTestId('timeline-step-time_branch').locator('time').count()).toBe(2);
    const dueAt = /Due at (.+?) \(/.exec((await page.getByTestId('timeline-step-wait').textContent()) ?? '')?.[1];
    const wasDueAt = /it was due at (.+?)\)/.exec((await page.getByTestId('timeline-step-manual').textContent()) ?? '')?.[1];
    expect(dueAt).toBeTruthy();
    expect(wasDueAt).toBe(dueAt);
    expect(await page.getByTestId('display-time-zone').textContent()).toBe('Times in Europe/Berlin');
    expect(await page.getByTestId('path-node-assign-second').getAttribute('data-visited')).toBe('true');
    await screenshot(page, 'runs-detail-completed');

    // Step analytics: the branch's "no reply" output was taken at least once.
    await page.goto(`${baseUrl()}/runs/analytics?days=1`);
    await expect.poll(() => page.getByTestId('analytics-check-reply').textContent()).toMatch(/Still open and the assignee has not replied: [1-9]/);
    await screenshot(page, 'runs-step-analytics');

    // Metrics: counts include this conversation, charts render, CSV downloads.
    await page.goto(`${baseUrl()}/runs/metrics?days=7`);
    // Days are the workspace zone's (the seed's is UTC), whatever the browser's zone.
    await expect.poll(() => page.getByText('Days in UTC').count()).toBe(1);
    const opened = Number(await page.getByTestId('metric-Conversations opened').locator('dd').first().textContent());
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('metric-Reassignments').locator('dd').first().textContent()).not.toBe('0');
    await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'runs-metrics');
    const csv = await page.evaluate(async () => {
      const r = await fetch('/api/internal/runs/metrics-export?days=7&tz=Europe/Berlin&table=agents');
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    });
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('agent,role,availability,open_now,assignments,reassigned_away,reassigned_to,online_hours,assignments_per_online_hour');
    expect(csv.body).toMatch(/\r\nCarol,agent,online,\d+,[1-9]/);
  });

  it('shows agents that runs are not theirs to see', async () => {
    const page = await newPage();
    await signIn(page, 'alice@acme.test');
    await page.goto(`${baseUrl()}/runs/timers`);
    await expect.poll(() => page.getByText("You don't have access").count()).toBe(1);
    const csv = await page.evaluate(async () => (await fetch('/api/internal/runs/metrics-export?days=7')).status);
    expect(csv).toBe(403);
  });
});

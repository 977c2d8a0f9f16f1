import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, baseUrl, launchBrowser, poll, screenshot, signIn } from './browser';

// Publish with impact: a run waits at a step the draft changes; the admin publishes with
// "move to the new version" for that step and the run finishes on the new version.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Manual trigger (starts only when asked) → wait "hold" → a note whose step id names the version. */
const definition = (wait: { amount: number; unit: string }, note: string) => ({
  schemaVersion: 1,
  trigger: { id: 'trigger', type: 'trigger', config: { event: 'manual', conditions: [] } },
  steps: [
    { id: 'hold', type: 'wait', name: 'Hold', config: { duration: wait } },
    { id: note, type: 'comment', config: { text: `Finished at ${note}`, mentions: [] } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hold' },
    { id: 'e2', source: 'hold', sourceHandle: 'next', target: note },
  ],
});

describe('publish with impact', () => {
  it('moves a waiting run to the new version at the chosen step, and refuses an unknown step naming the field', async () => {
    const created = await api('/workflows', { method: 'POST', json: { name: `Impact ${randomUUID().slice(0, 6)}`, definition: definition({ amount: 30, unit: 'minutes' }, 'old-note') } });
    expect(created.status).toBe(201);
    const workflowId = created.body.id as string;
    try {
      expect((await api(`/workflows/${workflowId}/publish`, { method: 'POST' })).status).toBe(200);
      const sent = await api(`/channels/${process.env.BATON_E2E_CHANNEL_ID}/messages`, {
        method: 'POST',
        json: { contact: { externalId: `impact-${randomUUID()}`, name: 'Impact E2E' }, text: 'Hello' },
      });
      expect(sent.status).toBe(201);
      expect((await api(`/workflows/${workflowId}/runs`, { method: 'POST', json: { conversationId: sent.body.conversationId } })).status).toBe(202);
      const run = await poll(async () => {
        const r = await api(`/workflows/${workflowId}/runs`);
        const found = (r.body.runs as Array<{ id: string; status: string }>)[0];
        return found?.status === 'waiting' ? found : null;
      });
      // The draft shortens the wait and ends somewhere else.
      expect((await api(`/workflows/${workflowId}`, { method: 'PUT', json: { definition: definition({ amount: 2, unit: 'seconds' }, 'new-note') } })).status).toBe(200);

      // Bad input through the API: an unknown step is a 400 on the field, and nothing is published.
      const bad = await api(`/workflows/${workflowId}/publish`, { method: 'POST', json: { moves: [{ fromStepId: 'hold', toStepId: 'nope' }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([{ field: 'moves.0.toStepId', message: 'Step "nope" is not in the new version' }]);
      expect((await api(`/workflows/${workflowId}`)).body.versions).toHaveLength(1);

      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, 'admin@acme.test');
      await page.goto(`${baseUrl()}/workflows/${workflowId}`);
      await page.getByTestId('publish').click();
      const row = page.getByTestId('impact-step-hold');
      await expect.poll(() => row.getAttribute('data-change')).toBe('changed');
      expect(await row.textContent()).toContain('1 waiting');
      expect(await page.getByTestId('impact-keep-hold').isChecked()).toBe(true);
      await page.getByTestId('impact-move-hold').check();
      expect(await page.getByTestId('impact-target-hold').inputValue()).toBe('hold');
      await screenshot(page, 'publish-impact-dialog');
      await page.getByTestId('publish-confirm').click();
      await expect.poll(() => page.getByTestId('editor-notice').textContent()).toContain('Published version 2');

      // The worker moves the run; its wait, re-planned to 2 s from when it began, fires on version 2.
      const done = await poll(async () => {
        const r = await api(`/runs/${run.id}`);
        return r.body.status === 'completed' ? r.body : null;
      }, 30_000);
      expect(done.version).toBe(2);
      const steps = done.steps as Array<{ stepType: string; stepId: string; output: string | null; decision: { explanation?: string } }>;
      expect(steps.filter((s) => s.stepType === 'comment').map((s) => s.stepId)).toEqual(['new-note']);
      const move = steps.find((s) => s.stepType === 'manual' && s.output === 'move')!;
      expect(move.decision.explanation).toMatch(/moved the run from version 1 at "Hold" to version 2 at "Hold" when publishing/);

      // The run's page tells the same story.
      await page.goto(`${baseUrl()}/runs/${run.id}`);
      await expect.poll(() => page.getByText(/moved the run from version 1/).count()).toBeGreaterThan(0);
      await screenshot(page, 'publish-impact-moved-run');
    } finally {
      await api(`/workflows/${workflowId}/unpublish`, { method: 'POST' });
    }
  });
});

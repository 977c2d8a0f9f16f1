// 7. The builder in a real browser (issue #21): time to open a workflow until every step is on
// the canvas, and frames per second while a step is dragged, for the 7-step seed workflow and
// a 100-step one. Debian's Chromium through playwright-core, against the production web app
// the other sections use; the admin signs in through the real form.
import { chromium, type Page } from 'playwright-core';
import { createWorkflow, tenant } from '@baton/db';
import { createTestWorkspace } from '@baton/db/testing';
import { reassignIfNoReply, type WorkflowDefinition } from '@baton/engine';
import type { BenchContext } from './lib/context';
import { machineLoad } from './lib/machine';
// @ts-expect-error plain ESM helper shared with the test scripts
import { ensureChromium } from '../scripts/services/chromium.mjs';

const OPEN_ROUNDS = 5;
const DRAG_ROUNDS = 3;

/** Trigger + 99 steps (comments and waits in turn) chained in a snake over 10 columns. */
function hundredSteps(): WorkflowDefinition {
  const cols = 10;
  const pos = (i: number) => {
    const row = Math.floor(i / cols);
    const col = row % 2 === 0 ? i % cols : cols - 1 - (i % cols);
    return { x: col * 320, y: row * 160 };
  };
  const steps: WorkflowDefinition['steps'] = [];
  const edges: WorkflowDefinition['edges'] = [];
  let previous = 'trigger';
  for (let i = 1; i < 100; i++) {
    const id = `s${i}`;
    steps.push(
      i % 2 === 0
        ? { id, type: 'wait', position: pos(i), config: { duration: { amount: i, unit: 'minutes' } } }
        : { id, type: 'comment', position: pos(i), config: { text: `Step ${i}: {{contact.name}}`, mentions: [] } },
    );
    edges.push({ id: `${previous}--next--${id}`, source: previous, sourceHandle: 'next', target: id });
    previous = id;
  }
  return {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', position: pos(0), config: { event: 'conversation.opened', conditions: [] } },
    steps,
    edges,
  } as WorkflowDefinition;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

/** ms from navigation start until all `count` steps are rendered on the canvas. */
async function openTime(page: Page, url: string, count: number): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, count, { polling: 'raf', timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

/**
 * Drags the step `nodeId` 300 px in 90 mouse moves and counts animation frames meanwhile: fps =
 * frames ÷ seconds of the drag; also the longest frame (a stall the eye sees).
 */
async function dragFps(page: Page, nodeId: string) {
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  await node.scrollIntoViewIfNeeded();
  const box = (await node.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(12, box.height / 2);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__frames = [];
    w.__counting = true;
    const tick = (t: number) => {
      if (!w.__counting) return;
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(x + (i * 300) / 90, y + 40 * Math.sin(i / 10));
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  let longest = 0;
  for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i]! - frames[i - 1]!);
  return { fps: Math.round(((frames.length - 1) / seconds) * 10) / 10, longestFrameMs: Math.round(longest), seconds: Math.round(seconds * 100) / 100 };
}

export async function run(ctx: BenchContext) {
  ctx.loads.push(machineLoad('builder: start'));
  const ws = await createTestWorkspace(ctx.db.db, {
    members: [{ name: 'Admin', role: 'admin' }, { name: 'A1' }, { name: 'B1' }],
    teams: { Sales: ['A1'], Support: ['B1'] },
  });
  const t = tenant(ctx.db.db, ws.workspaceId);
  const admin = ws.users.Admin!;
  const seed = await createWorkflow(t, { name: 'Seed (7 steps)', definition: reassignIfNoReply({ firstTeamId: ws.teams.Sales!, secondTeamId: ws.teams.Support! }) }, admin.id);
  const big = await createWorkflow(t, { name: '100 steps', definition: hundredSteps() }, admin.id);
  const workflows = [
    { name: 'seed workflow (7 steps + trigger)', id: seed.id, count: 1 + reassignIfNoReply({ firstTeamId: 'a', secondTeamId: 'b' }).steps.length, dragNode: 'wait' },
    { name: '100-step workflow', id: big.id, count: 100, dragNode: 's45' },
  ];

  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/sign-in`);
    await page.getByLabel(/email/i).fill(admin.email);
    await page.getByLabel(/password/i).fill('password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 60_000 });

    const out = [];
    for (const wf of workflows) {
      const url = `${ctx.baseUrl}/workflows/${wf.id}`;
      await openTime(page, url, wf.count); // warm-up: server caches, chunk downloads
      const opens: number[] = [];
      for (let i = 0; i < OPEN_ROUNDS; i++) opens.push(Math.round(await openTime(page, url, wf.count)));
      const drags = [];
      for (let i = 0; i < DRAG_ROUNDS; i++) {
        await openTime(page, url, wf.count);
        await page.waitForTimeout(500); // the canvas's fit-on-open animation
        drags.push(await dragFps(page, wf.dragNode));
      }
      const fps = drags.map((d) => d.fps);
      const row = {
        workflow: wf.name,
        steps: wf.count,
        openMs: { median: quantile(opens, 0.5), max: Math.max(...opens), rounds: opens },
        dragFps: { median: quantile(fps, 0.5), min: Math.min(...fps), rounds: drags },
      };
      ctx.log(`[bench] builder ${wf.name}: open median ${row.openMs.median} ms (max ${row.openMs.max}), drag ${row.dragFps.median} fps (min ${row.dragFps.min})`);
      out.push(row);
    }
    return { viewport: '1440×900', openRounds: OPEN_ROUNDS, dragRounds: DRAG_ROUNDS, workflows: out };
  } finally {
    await browser.close();
  }
}

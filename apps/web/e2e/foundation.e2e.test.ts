import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

// Contract with scripts/test/app-global-setup.ts: the built app runs at BATON_E2E_URL with
// the demo seed loaded (alice@acme.test / baton-demo, …).
const BASE_URL = process.env.BATON_E2E_URL ?? 'http://127.0.0.1:3000';
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `foundation-${name}.png`), fullPage: true });

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Clicks an availability option and waits for its server action (a POST with a Next-Action header) to answer. */
async function setAvailabilityTo(page: Page, label: 'Online' | 'Away' | 'Offline') {
  // Other server actions (heartbeat, read markers) also post: wait for the one carrying this value.
  const value = `"${label.toLowerCase()}"`;
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && !!r.request().headers()['next-action'] && (r.request().postData() ?? '').includes(value),
  );
  await page.getByRole('radio', { name: label }).click();
  await saved;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
}

describe('foundation: sign-up, sign-in, shell, availability', () => {
  it('a signed-out visitor to an app page is sent to sign in', async () => {
    const page = await newPage();
    await page.goto('/team');
    await page.waitForURL(/\/sign-in\?callbackUrl=%2Fteam/);
    await expect(page.getByRole('heading', { name: 'Sign in to Baton' }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('signs up a new user and workspace, lands in it, and signs out', async () => {
    const page = await newPage();
    const id = randomUUID().slice(0, 8);
    const workspaceName = `E2E Workspace ${id}`;
    await page.goto('/sign-up');
    // The form keeps what was typed when the server rejects it.
    await page.getByLabel('Your name').fill('Erin E2E');
    await page.getByLabel('Work email').fill(`erin-${id}@example.test`);
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Workspace name').fill(workspaceName);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByText('Use at least 8 characters').waitFor();
    expect(await page.getByLabel('Workspace name').inputValue()).toBe(workspaceName);

    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByRole('button', { name: `Workspace: ${workspaceName}. Switch workspace` }).waitFor();
    await shot(page, '01-signed-up-inbox');

    await signOut(page);
    await shot(page, '02-signed-out');
    await page.goto('/inbox');
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  });

  it('a wrong password shows a clear message and keeps the email', async () => {
    const page = await newPage();
    await signIn(page, 'alice@acme.test', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('alice@acme.test');
    expect(page.url()).toContain('/sign-in');
    await shot(page, '03-wrong-password');
    await page.context().close();
  });

  it('alice signs in, sets herself away, and it is still away after a reload', async () => {
    const page = await newPage();
    await signIn(page, 'alice@acme.test', 'baton-demo');
    await page.waitForURL(/\/inbox$/);
    const away = page.getByRole('radio', { name: 'Away' });
    const online = page.getByRole('radio', { name: 'Online' });
    try {
      // The toggle is optimistic: wait for the server to have saved it before reloading.
      await setAvailabilityTo(page, 'Away');
      expect(await away.getAttribute('aria-checked')).toBe('true');
      await page.reload();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      expect(await away.getAttribute('aria-checked')).toBe('true');
      expect(await online.getAttribute('aria-checked')).toBe('false');
      await shot(page, '04-alice-away-after-reload');

      await page.getByRole('link', { name: 'Team' }).click();
      await page.waitForURL(/\/team$/);
      await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
      await shot(page, '05-team');
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(/\/settings$/);
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await shot(page, '06-settings');
    } finally {
      // The demo seed is shared with other suites, which expect Alice online.
      await page.goto('/inbox');
      await setAvailabilityTo(page, 'Online');
      await page.context().close();
    }
  });
});

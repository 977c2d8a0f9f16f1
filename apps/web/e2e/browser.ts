// Shared e2e helpers: a real Chromium from the OS packages, driven by playwright-core.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const baseUrl = () => {
  const url = process.env.BATON_E2E_URL;
  if (!url) throw new Error('BATON_E2E_URL is not set: run through `pnpm test e2e`');
  return url;
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/** One Chromium for a spec file: launched before its tests, closed after them. */
export function browserForSpec(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

const shotsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`[e2e] screenshot: ${file}`);
  return file;
}

export async function signIn(page: Page, email: string, password = 'baton-demo') {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
}

export async function api(pathname: string, init: RequestInit & { json?: unknown } = {}) {
  const res = await fetch(`${baseUrl()}/api/v1${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${process.env.BATON_E2E_API_KEY}`,
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.headers ?? {}),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

/** Polls `fn` until it returns something truthy (the state the test waits for), or fails after `timeoutMs`. */
export async function poll<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

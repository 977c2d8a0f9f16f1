// "Sign out everywhere" in the browser: two browsers signed in as one person; the menu item
// in one ends the session in the other on its next request.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('sessions', () => {
  it('sign out everywhere ends the other browser’s session too', async () => {
    const laptop = await newPage();
    const phone = await newPage();
    await signIn(laptop, 'carol@acme.test');
    await signIn(phone, 'carol@acme.test');
    await phone.goto(`${baseUrl()}/inbox`);
    await phone.getByRole('heading', { name: 'Inbox' }).waitFor();

    await laptop.goto(`${baseUrl()}/inbox`);
    await laptop.getByRole('button', { name: /Account menu/ }).click();
    await laptop.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await laptop.waitForURL(/\/sign-in/);

    await phone.goto(`${baseUrl()}/inbox`);
    await phone.waitForURL(/\/sign-in/);
    // Signing in again works.
    await signIn(phone, 'carol@acme.test');
    await phone.getByRole('heading', { name: 'Inbox' }).waitFor();
    for (const p of [laptop, phone]) await p.context().close();
  });
});

// Invitations in the browser: the page never says whether the invited email has an account
// (it offers both ways in); an existing account cannot join by typing its password on the
// invite page, it signs in through the normal, rate-limited sign-in and comes back to
// accept; a new person creates an account from the link (and, removed again, is told she is in
// no workspace). Each of these pages passes the accessibility check (issue 21).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from './browser';
import { seriousViolations } from './axe-check';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function createInviteLink(page: Page, email: string): Promise<string> {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  await page.getByText(`Invite link for ${email}`).waitFor();
  return page.getByLabel('Invite link').inputValue();
}

describe('invitations', () => {
  it('existing account: signs in through sign-in and accepts; a new person creates an account', async () => {
    const id = randomUUID().slice(0, 8);
    const workspaceName = `Invite Co ${id}`;
    const owner = await newPage();
    await owner.goto('/sign-up');
    await owner.getByLabel('Your name').fill('Ingrid Inviter');
    await owner.getByLabel('Work email').fill(`ingrid-${id}@example.test`);
    await owner.getByLabel('Password').fill('a-long-password');
    await owner.getByLabel('Workspace name').fill(workspaceName);
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.waitForURL(/\/inbox$/);
    await owner.goto('/team');
    const aliceLink = await createInviteLink(owner, 'alice@acme.test'); // has an account (demo seed)
    const newbie = `newbie-${id}@example.test`;
    const newbieLink = await createInviteLink(owner, newbie);

    // Alice's link, signed out: both ways in, nothing about whether she has an account, and
    // no password field that checks hers.
    const alice = await newPage();
    await alice.goto(aliceLink);
    await alice.getByRole('heading', { name: `Join ${workspaceName}` }).waitFor();
    await alice.getByRole('link', { name: 'Sign in to accept' }).waitFor();
    await alice.getByRole('button', { name: 'Create account and join' }).waitFor();
    expect(await alice.getByText(/already have a Baton account\. Enter its password/).count()).toBe(0);
    expect(await seriousViolations(alice), 'the invitation page, signed out').toEqual([]);
    await screenshot(alice, 'invite-01-signed-out');
    // "Creating" an account for her email with her real password learns nothing and joins nothing.
    await alice.getByLabel('Your name').fill('Alice');
    await alice.getByLabel('Choose a password').fill('baton-demo');
    await alice.getByRole('button', { name: 'Create account and join' }).click();
    await alice.getByRole('alert').filter({ hasText: "We couldn't create an account for this invitation" }).waitFor();
    expect(new URL(alice.url()).pathname).toMatch(/^\/invite\//);

    // The real way: sign in (rate limited), come back to the invitation, accept.
    await alice.getByRole('link', { name: 'Sign in to accept' }).click();
    await alice.waitForURL(/\/sign-in\?callbackUrl=%2Finvite%2F/);
    await alice.getByLabel('Email').fill('alice@acme.test');
    await alice.getByLabel('Password').fill('baton-demo');
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.waitForURL((u) => u.pathname.startsWith('/invite/'));
    await alice.getByRole('button', { name: 'Accept invitation' }).waitFor();
    expect(await seriousViolations(alice), 'the invitation page, signed in').toEqual([]);
    await alice.getByRole('button', { name: 'Accept invitation' }).click();
    await alice.waitForURL(/\/inbox$/);
    await alice.getByRole('button', { name: `Workspace: ${workspaceName}. Switch workspace` }).waitFor();
    await screenshot(alice, 'invite-02-existing-account-joined');

    // A new person: creates the account from the link and lands in the workspace.
    const fresh = await newPage();
    await fresh.goto(newbieLink);
    await fresh.getByLabel('Your name').fill('Nina Newbie');
    await fresh.getByLabel('Choose a password').fill('another-long-password');
    await fresh.getByRole('button', { name: 'Create account and join' }).click();
    await fresh.waitForURL(/\/inbox$/);
    await fresh.getByRole('button', { name: `Workspace: ${workspaceName}. Switch workspace` }).waitFor();

    await owner.reload();
    await owner.getByText('Nina Newbie').first().waitFor();

    // Removed again, Nina is signed in but in no workspace: the page that says so.
    owner.once('dialog', (d) => void d.accept());
    await owner.getByRole('row').filter({ hasText: 'Nina Newbie' }).getByRole('button', { name: 'Remove' }).click();
    await owner.getByRole('row').filter({ hasText: 'Nina Newbie' }).waitFor({ state: 'detached' });
    await fresh.goto('/inbox');
    await fresh.waitForURL(/\/no-workspace$/);
    await fresh.getByRole('heading', { name: /not in a workspace/ }).waitFor();
    expect(await seriousViolations(fresh), 'the no-workspace page').toEqual([]);
    for (const p of [owner, alice, fresh]) await p.context().close();
  });

  it('a callbackUrl that leaves the site is ignored after sign-in', async () => {
    const page = await newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\t/evil.example')}`);
    await page.getByLabel('Email').fill('bob@acme.test');
    await page.getByLabel('Password').fill('baton-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    expect(new URL(page.url()).origin).toBe(baseUrl());
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.context().close();
  });
});

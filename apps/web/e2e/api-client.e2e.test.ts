// The public API through its generated TypeScript client against the running production
// build (which checks every answer against its declared schema: BATON_STRICT_RESPONSES=1),
// the committed client types against the live document, the demo script, and the reference page.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createBatonClient, type BatonClient } from '@baton/api-client';
import { SCHEMA_FILE, loadDocumentFromSource, renderClientTypes } from '../../../packages/api-client/src/render-client-types';
import { baseUrl, launchBrowser, screenshot } from './browser';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
let baton: BatonClient;
let browser: Browser;

beforeAll(async () => {
  baton = createBatonClient({ baseUrl: baseUrl(), apiKey: process.env.BATON_E2E_API_KEY! });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('typed API client', () => {
  it('the committed client types are what the live document generates', async () => {
    const live = await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json();
    const source = (await loadDocumentFromSource()) as { servers: unknown };
    // Key order too: the generated types follow it (a bundler once reordered the components).
    expect(JSON.stringify({ ...live, servers: null })).toBe(JSON.stringify({ ...source, servers: null }));
    expect((await renderClientTypes(live)) === readFileSync(SCHEMA_FILE, 'utf8'), 'run `pnpm --filter @baton/api-client generate`').toBe(true);
  });

  it('sends a message, lists it by cursor, reads its messages and events, and replays an idempotent POST', async () => {
    const channelId = process.env.BATON_E2E_CHANNEL_ID!;
    const key = randomUUID();
    const send = () =>
      baton.POST('/channels/{id}/messages', {
        params: { path: { id: channelId }, header: { 'Idempotency-Key': key } },
        body: { contact: { externalId: `client-${key}`, name: 'Client Person' }, text: 'Hello from the typed client' },
      });
    const first = await send();
    expect(first.response.status).toBe(201);
    const again = await send();
    expect(again.data).toEqual(first.data);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    const conversationId = first.data!.conversationId;

    // Page through open conversations two at a time until it shows up.
    let cursor: string | undefined;
    let found = false;
    for (let page = 0; page < 50 && !found; page++) {
      const { data, error } = await baton.GET('/conversations', { params: { query: { status: 'open', limit: 2, cursor } } });
      expect(error).toBeUndefined();
      found = data!.conversations.some((c) => c.id === conversationId);
      if (!data!.nextCursor) break;
      cursor = data!.nextCursor;
    }
    expect(found).toBe(true);

    const messages = await baton.GET('/conversations/{id}/messages', { params: { path: { id: conversationId } } });
    expect(messages.data!.messages.map((m) => m.text)).toEqual(['Hello from the typed client']);
    const events = await baton.GET('/conversations/{id}/events', { params: { path: { id: conversationId } } });
    expect(events.data!.events[0]!.type).toBe('opened');
    const contacts = await baton.GET('/contacts', { params: { query: { externalId: `client-${key}` } } });
    expect(contacts.data!.contacts).toHaveLength(1);
    expect((await baton.GET('/runs', { params: { query: { limit: 5 } } })).response.status).toBe(200);
  });

  it('bad input comes back as the typed Error naming the parameter', async () => {
    const { error, response } = await baton.GET('/conversations', { params: { query: { limit: 500 } } });
    expect(response.status).toBe(400);
    expect(error!.error.code).toBe('invalid_request');
    expect((error!.error.details as Array<{ field: string }>).map((d) => d.field)).toEqual(['limit']);
  });

  it('scripts/send-demo-message.sh sends through the client', () => {
    const out = spawnSync('bash', ['scripts/send-demo-message.sh', 'Hi from the demo script', `demo-script-${Date.now()}`], {
      cwd: root,
      env: { ...process.env, BATON_DATA_DIR: path.join(root, '.data', 'e2e') },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout.trim()).conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API reference page', () => {
  it('renders every path of the document in Chromium, loading nothing from another host', async () => {
    const doc = (await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseUrl()) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${baseUrl()}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((b) => {
        const method = b.querySelector('.opblock-summary-method')?.textContent?.trim().toLowerCase() ?? '';
        const p = (b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? b.querySelector('.opblock-summary-path')?.textContent ?? '').replace(/\u200b/g, '');
        return `${method} ${p}`;
      }),
    );
    const declared = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'parameters').map((m) => `${m} ${p}`));
    expect(declared.length).toBeGreaterThanOrEqual(20);
    expect(shown.sort()).toEqual(declared.sort());
    expect(foreign).toEqual([]);
    await screenshot(page, 'api-reference');
    await page.close();
  });
});

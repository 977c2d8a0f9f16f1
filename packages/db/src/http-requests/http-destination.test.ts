import { describe, expect, it } from 'vitest';
import { httpDestinationProblems } from './http-destination-problems';
import { performHttpRequest } from './perform-http-request';

const production = {} as NodeJS.ProcessEnv;
const step = (url: string) => ({ steps: [{ id: 'call', type: 'http_request', config: { url } }] });

describe('HTTP request step: the outbound guard', () => {
  it('refuses a private, loopback or reserved literal host at publish in production, with the reason on the step', () => {
    for (const url of ['http://127.0.0.1:8080/x', 'https://10.1.2.3/api', 'http://[::1]/', 'http://localhost:3000/admin', 'http://169.254.169.254/latest'])
      expect(httpDestinationProblems(step(url), production), url).toEqual([
        expect.objectContaining({ stepId: 'call', field: 'config.url', code: 'blocked_destination', message: expect.stringMatching(/private, loopback or reserved/) }),
      ]);
    // Public hosts, and hosts only known at run time (a variable), are checked when called.
    expect(httpDestinationProblems(step('https://api.example.com/x'), production)).toEqual([]);
    expect(httpDestinationProblems(step('https://{{contact.name}}.example.com/'), production)).toEqual([]);
    expect(httpDestinationProblems(step('http://127.0.0.1/'), { BATON_ALLOW_PRIVATE_OUTBOUND: '1' } as NodeJS.ProcessEnv)).toEqual([]);
  });

  it('refuses a private address at run time too, and an unknown secret, without calling anything', async () => {
    const req = { stepId: 'call', method: 'GET' as const, url: 'http://127.0.0.1:9/x', headers: [], body: null, timeoutMs: 1000, retries: 2 };
    expect(await performHttpRequest(req, new Map(), { env: production })).toEqual({
      stepId: 'call',
      status: null,
      error: expect.stringMatching(/^Refused: 127\.0\.0\.1 is a private, loopback or reserved address/),
    });
    const withSecret = { ...req, url: 'https://api.example.com/x', headers: [{ name: 'Authorization', value: 'Bearer {{secret.MISSING}}' }] };
    expect(await performHttpRequest(withSecret, new Map(), { env: production })).toMatchObject({ status: null, error: expect.stringContaining('Unknown secret “MISSING”') });
  });
});

import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './outbound-address';
import { checkOutboundDestination } from './outbound-destination';
import type { Resolver } from './outbound-lookup';

const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('outbound destination', () => {
  it('knows private, loopback, link-local and reserved addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '198.18.0.1', '198.19.255.255', '192.0.0.8', '192.0.2.1', '198.51.100.7', '203.0.113.9', '240.0.0.1', '255.255.255.255', '224.0.0.1', 'not an ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:4860:4860::8888', '2606:4700::1111']) expect(isPublicAddress(a), a).toBe(true);
  });

  // Each of these answered { ok: true } on the old check: the URL parser rewrites
  // [::ffff:127.0.0.1] to [::ffff:7f00:1], and the other ranges were never listed.
  it.each([
    'http://[::ffff:127.0.0.1]:6379/',
    'http://[::ffff:169.254.169.254]/latest/meta-data',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fe90::1]/',
    'http://[febf::1]/',
    'http://[ff02::1]/',
    'http://[::7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[64:ff9b:1::a00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
    'http://[fec0::1]/',
    'http://[100::1]/',
    'http://[2001:db8::1]/',
    'http://198.18.0.1/',
    'http://192.0.0.170/',
    'http://192.0.2.1/',
    'http://198.51.100.1/',
    'http://203.0.113.1/',
    'http://2130706433/',
    'http://0x7f.1/',
  ])('refuses %s', async (url) => {
    expect(await checkOutboundDestination(url, {})).toMatchObject({ ok: false, error: expect.stringMatching(/^Refused: /) });
  });

  it('refuses private targets and odd schemes unless private targets are allowed', async () => {
    expect(await checkOutboundDestination('http://127.0.0.1:9/hook', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://169.254.169.254/latest/meta-data', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://localhost:3000/x', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('file:///etc/passwd', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('not a url', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://127.0.0.1:9/hook', { BATON_ALLOW_PRIVATE_OUTBOUND: '1' })).toMatchObject({ ok: true });
    expect(await checkOutboundDestination('http://[::ffff:127.0.0.1]/', { BATON_ALLOW_PRIVATE_OUTBOUND: '1' })).toMatchObject({ ok: true });
    expect(await checkOutboundDestination('https://8.8.8.8/hook', {})).toMatchObject({ ok: true });
    expect(await checkOutboundDestination('https://[2606:4700::1111]/hook', {})).toMatchObject({ ok: true });
  });

  it('refuses a name when any of its addresses is not public', async () => {
    expect(await checkOutboundDestination('https://hooks.example.com/x', {}, resolveTo('93.184.216.34'))).toMatchObject({ ok: true });
    expect(await checkOutboundDestination('https://hooks.example.com/x', {}, resolveTo('93.184.216.34', '10.0.0.5'))).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('https://hooks.example.com/x', {}, resolveTo('::ffff:127.0.0.1'))).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('https://hooks.example.com/x', {}, resolveTo())).toMatchObject({ ok: false });
    const failing: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await checkOutboundDestination('https://nowhere.invalid/x', {}, failing)).toEqual({ ok: false, error: 'The outbound host nowhere.invalid does not resolve' });
  });
});

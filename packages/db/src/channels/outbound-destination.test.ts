import { describe, expect, it } from 'vitest';
import { checkOutboundDestination, isPrivateAddress } from './outbound-destination';

describe('outbound destination', () => {
  it('knows private, loopback and link-local addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:4860:4860::8888']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses private targets and odd schemes unless private targets are allowed', async () => {
    expect(await checkOutboundDestination('http://127.0.0.1:9/hook', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://169.254.169.254/latest/meta-data', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://localhost:3000/x', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('file:///etc/passwd', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('not a url', {})).toMatchObject({ ok: false });
    expect(await checkOutboundDestination('http://127.0.0.1:9/hook', { BATON_ALLOW_PRIVATE_OUTBOUND: '1' })).toEqual({ ok: true });
    expect(await checkOutboundDestination('https://8.8.8.8/hook', {})).toEqual({ ok: true });
  });
});

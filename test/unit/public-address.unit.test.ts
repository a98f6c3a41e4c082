/** Webhook endpoints never reach private addresses (issue 30): the URL rule and the addresses a name resolves to at send time. */
import { describe, expect, test } from 'vitest';
import { checkEndpointUrl, isPublicAddress, publicAddressesOf } from '../../functions/webhooks/public-address';

describe('addresses', () => {
  test.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '::1',
    '::',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '2001:db8::1',
    'not-an-address',
  ])('%s is refused', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  test.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('endpoint URLs', () => {
  test('https with a public DNS name', () => {
    expect(checkEndpointUrl('https://hooks.example.com/invites').hostname).toBe('hooks.example.com');
  });

  test.each([
    ['http://hooks.example.com/', 'https'],
    ['https://10.0.0.1/', 'not an address'],
    ['https://[::1]/', 'not an address'],
    ['https://localhost/', 'public host'],
    ['https://metadata.internal/', 'public host'],
    ['https://user:pass@hooks.example.com/', 'credentials'],
    ['ftp://hooks.example.com/', 'https'],
    ['nonsense', 'not a URL'],
  ])('%s is refused (%s)', (url, reason) => {
    expect(() => checkEndpointUrl(url)).toThrow(new RegExp(reason));
  });

  test('http://127.0.0.1 only with the local flag', () => {
    expect(() => checkEndpointUrl('http://127.0.0.1:9000/hook')).toThrow();
    expect(checkEndpointUrl('http://127.0.0.1:9000/hook', { allowLocalHttp: true }).port).toBe('9000');
  });

  test('at send time every resolved address must be public: a name that now points inside fails', async () => {
    const url = checkEndpointUrl('https://hooks.example.com/');
    expect(await publicAddressesOf(url, { resolve: async () => ['93.184.215.14'] })).toEqual(['93.184.215.14']);
    await expect(publicAddressesOf(url, { resolve: async () => ['93.184.215.14', '169.254.169.254'] })).rejects.toThrow('169.254.169.254');
    await expect(publicAddressesOf(url, { resolve: async () => [] })).rejects.toThrow('resolves to nothing');
  });
});

import { expect, test } from 'vitest';
import { hashToken, randomId, randomSecret } from '../../functions/lib/ids';

test('randomId: 17 characters of the Meteor alphabet, no repeats in 10,000', () => {
  const ids = new Set(Array.from({ length: 10_000 }, () => randomId()));
  expect(ids.size).toBe(10_000);
  for (const id of [...ids].slice(0, 100)) expect(id).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/);
});

test('secrets are 43 url-safe characters; hashes are SHA-256 hex', () => {
  expect(randomSecret()).toMatch(/^[\w-]{43}$/);
  expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

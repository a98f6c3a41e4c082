import { describe, expect, test } from 'vitest';
import { randomId, randomSecret } from '../../functions/lib/ids';
import { credentialRules, credentialsInBounds } from '../../functions/middleware/credential-bounds';

describe('credentialsInBounds', () => {
  const userId = randomId();
  const token = `${userId}.${randomSecret()}`;

  test('real credentials of every dialect pass', () => {
    expect(credentialsInBounds({ token, claimedUserId: userId })).toBe(true);
    expect(credentialsInBounds({ token, clientId: 'demo-client' })).toBe(true);
    expect(credentialsInBounds({ token: randomSecret(), claimedUserId: 'rocket.cat' })).toBe(true);
    expect(credentialsInBounds({ token: 'dGVzdA+/==' })).toBe(true);
  });

  test('each field is bounded in bytes, at its own limit', () => {
    expect(credentialsInBounds({ token: 'a'.repeat(credentialRules.token.maxBytes) })).toBe(true);
    expect(credentialsInBounds({ token: 'a'.repeat(credentialRules.token.maxBytes + 1) })).toBe(false);
    expect(credentialsInBounds({ token, claimedUserId: 'u'.repeat(128) })).toBe(true);
    expect(credentialsInBounds({ token, claimedUserId: 'u'.repeat(129) })).toBe(false);
    expect(credentialsInBounds({ token, clientId: 'c'.repeat(129) })).toBe(false);
    // The reported probe: `<2,100 characters>.<43 characters>`.
    expect(credentialsInBounds({ token: `${'a'.repeat(2100)}.${randomSecret()}` })).toBe(false);
  });

  test("characters outside a field's set are refused: commas, spaces, multi-byte, empty", () => {
    for (const bad of ['a,b', 'a b', 'é', '😀', '', 'a\tb', 'a;b']) {
      expect(credentialsInBounds({ token: bad }), JSON.stringify(bad)).toBe(false);
      expect(credentialsInBounds({ token, claimedUserId: bad }), JSON.stringify(bad)).toBe(false);
      expect(credentialsInBounds({ token, clientId: bad }), JSON.stringify(bad)).toBe(false);
    }
    // '+', '/' and '=' belong to tokens (base64), not to ids.
    expect(credentialsInBounds({ token, claimedUserId: 'a/b' })).toBe(false);
  });
});

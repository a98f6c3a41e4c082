/**
 * A small OIDC issuer for `npm start` and the tests, offline: its discovery document and JWKS over
 * HTTP, an RS256 key made at start (and rotated on demand, with a new `kid`), and access tokens
 * minted for any subject. `npm start` trusts it (TRUSTED_ISSUERS) and writes a token per demo user.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const LOCAL_AUDIENCE = 'invites-local';

export interface LocalIssuer {
  /** `iss`, and where discovery is (`<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** What a stage's TRUSTED_ISSUERS entry for it is. */
  trusted: { issuer: string; audiences: string[] };
  /** An access token for `sub` (default: for this service's audience, valid an hour). */
  mint(subject: string, claims?: JWTPayload, options?: { expiresIn?: string | number }): Promise<string>;
  /** A new signing key with a new `kid`; the old one leaves the JWKS. */
  rotate(): Promise<void>;
  /** The private key in use, for tests that sign by hand. */
  signingKey(): Promise<{ kid: string; privateKey: CryptoKeyLike; publicJwk: JWK }>;
  stop(): Promise<void>;
}

export async function startLocalIssuer(port = 0): Promise<LocalIssuer> {
  let generation = 0;
  let current = await newKey();
  async function newKey() {
    generation += 1;
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `local-${generation}-${Date.now().toString(36)}`;
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/.well-known/openid-configuration') return send(200, { issuer, jwks_uri: `${issuer}/jwks.json` });
    if (request.url === '/jwks.json') return send(200, { keys: [current.publicJwk] });
    send(404, { error: 'not found' });
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    trusted: { issuer, audiences: [LOCAL_AUDIENCE] },
    mint: (subject, claims = {}, options = {}) => {
      const jwt = new SignJWT({ aud: LOCAL_AUDIENCE, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setSubject(subject);
      // Claims given win (a test's expired or future token): iat and exp are set only when absent.
      if (claims.iat === undefined) jwt.setIssuedAt();
      if (claims.exp === undefined) jwt.setExpirationTime(options.expiresIn ?? '1h');
      return jwt.sign(current.privateKey);
    },
    rotate: async () => {
      current = await newKey();
    },
    signingKey: async () => current,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

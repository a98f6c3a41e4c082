/**
 * Outside access tokens (docs/identity.md): round trips of a Berty request authenticated by a
 * minted token and by a trusted issuer's JWT (a known identity, a linked one, a first sight), cold
 * (first use of the token in this instance) and warm; and the CPU of the check itself — a minted
 * token's hash, a JWT's verification with its issuer's keys cached (warm) and with a first JWKS
 * fetch and key import (cold, each against an issuer never seen).
 */
import { createBertyGroup } from '../functions/dialects/berty/domain/multi-member-groups';
import { identityUserId } from '../functions/domain/identities';
import { createUser } from '../functions/domain/users';
import { trustedIssuers } from '../functions/identity/trusted-issuers';
import { verifyAccessToken } from '../functions/identity/verify-access-token';
import { hashToken } from '../functions/lib/ids';
import { findRoute } from '../functions/routes';
import { dynamoDbClient } from '../functions/store/client';
import { putIdentityLink } from '../functions/store/identities';
import { createToken } from '../functions/store/tokens';
import { buildContext, buildEvent } from '../local/api-gateway-event';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { loadHandler } from '../local/handlers';
import { startLocalIssuer } from '../local/oidc-issuer';
import { median, printTable, round } from './stats';

const cpuMicros = async (work: () => Promise<unknown>) => {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
};

export async function measureIdentity() {
  const issuer = await startLocalIssuer();
  const fresh = await Promise.all(Array.from({ length: 7 }, () => startLocalIssuer()));
  process.env.TRUSTED_ISSUERS = JSON.stringify([issuer.trusted, ...fresh.map((other) => other.trusted)]);
  try {
    const recorder = recordDynamoDbCalls(dynamoDbClient);
    const route = findRoute('berty-multi-member-group-invitation-create');
    const handler = await loadHandler(route);
    const owner = await createUser({ username: `bench-idp-${Date.now().toString(36)}` });
    const linkedSubject = `linked-${Date.now().toString(36)}`;
    await putIdentityLink({
      identityId: identityUserId(issuer.issuer, linkedSubject),
      issuer: issuer.issuer,
      subject: linkedSubject,
      userId: owner._id,
      linkedAt: '',
    });
    const known = `known-${Date.now().toString(36)}`;
    const knownUser = await createUser({ id: identityUserId(issuer.issuer, known), username: `bench-known-${Date.now().toString(36)}` });
    const groupOf = async (userId: string) => (await createBertyGroup([{ _id: userId, username: 'x' }])).toString('base64');
    const call = (token: string, groupPk: string) => () =>
      handler(
        buildEvent(route, {
          method: 'POST',
          path: route.path,
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ group_pk: groupPk }),
        }),
        buildContext(route),
      );
    const rows = [];
    const cases: [string, () => Promise<{ token: string; groupPk: string }>][] = [
      ['minted token', async () => ({ token: await createToken(owner._id), groupPk: await groupOf(owner._id) })],
      ['JWT, known identity', async () => ({ token: await issuer.mint(known), groupPk: await groupOf(knownUser._id) })],
      ['JWT, linked identity', async () => ({ token: await issuer.mint(linkedSubject), groupPk: await groupOf(owner._id) })],
      [
        'JWT, first sight (account made)',
        async () => {
          const subject = `new-${Date.now().toString(36)}`;
          // A group the account-to-be is a member of already (its id is known before it exists).
          return { token: await issuer.mint(subject), groupPk: await groupOf(identityUserId(issuer.issuer, subject)) };
        },
      ],
    ];
    for (const [name, make] of cases) {
      const { token, groupPk } = await make();
      const cold = await recorder.measure(call(token, groupPk));
      const warm = await recorder.measure(call(token, groupPk));
      rows.push({
        request: `InvitationCreate, ${name}`,
        'cold status': cold.result.statusCode ?? 0,
        'cold sequential': cold.summary.sequentialRoundTrips,
        'warm status': warm.result.statusCode ?? 0,
        'warm sequential': warm.summary.sequentialRoundTrips,
      });
    }
    printTable(rows);

    const issuers = trustedIssuers();
    const now = () => Math.floor(Date.now() / 1000);
    const token = await issuer.mint('cpu');
    await verifyAccessToken(token, issuers, now()); // keys fetched once
    const warm: number[] = [];
    for (let i = 0; i < 300; i += 1) warm.push(await cpuMicros(() => verifyAccessToken(token, issuers, now())));
    const cold: number[] = [];
    for (const other of fresh) {
      const first = await other.mint('cpu');
      cold.push(await cpuMicros(() => verifyAccessToken(first, issuers, now())));
    }
    const minted = await createToken(owner._id);
    const hashing: number[] = [];
    for (let i = 0; i < 300; i += 1) hashing.push(await cpuMicros(async () => hashToken(minted)));
    const cpu = [
      { check: 'minted token: its hash (then its read: one round trip)', 'CPU µs (median)': round(median(hashing)) },
      { check: 'JWT, keys cached (warm): RS256 signature and claims', 'CPU µs (median)': round(median(warm)) },
      { check: 'JWT, first of its issuer (cold): JWKS fetch, key import, verification', 'CPU µs (median)': round(median(cold)) },
    ];
    console.log('');
    printTable(cpu);
    return { roundTrips: rows, cpu };
  } finally {
    await issuer.stop();
    await Promise.all(fresh.map((other) => other.stop()));
  }
}

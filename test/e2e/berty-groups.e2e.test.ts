/**
 * Berty multi-member groups over real HTTP: create → invite → join on another account, with the
 * client verifying the group's Ed25519 signature itself, and every error body exactly.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { addBertyGroup } from '../../functions/dialects/berty/admin';
import { newEd25519KeyPairDer, rawPublicKey, signEd25519 } from '../../functions/lib/ed25519-group';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';

const rpc = (name: string, user: fixtures.TestUser | undefined, body?: unknown, rawBody?: string) =>
  request('POST', `/protocol/v1/${name}`, {
    headers: user ? fixtures.authHeaders('berty', user) : {},
    ...(rawBody !== undefined ? { rawBody } : { body }),
  });

const grpcError = (code: number, message: string) => ({ error: message, code, message });
const UNKNOWN_GROUP = grpcError(5, 'ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet');

/**
 * What a Berty client does with an invitation before joining. Importing from JWK is safe (no key
 * generation job shares the key); only exporting a generated key as JWK deadlocks (issue 27).
 */
function clientVerifies(group: { public_key: string; secret: string; secret_sig: string }): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(group.public_key, 'base64').toString('base64url') },
    format: 'jwk',
  });
  return verify(null, Buffer.from(group.secret, 'base64'), key, Buffer.from(group.secret_sig, 'base64'));
}

/** A group made entirely on the client side, unknown to the service. */
function clientSideGroup() {
  const groupKey = newEd25519KeyPairDer();
  const secret = randomBytes(32);
  return {
    public_key: rawPublicKey(groupKey.publicKey).toString('base64'),
    secret: secret.toString('base64'),
    secret_sig: signEd25519(secret, groupKey.privateKey).toString('base64'),
    group_type: 'GroupTypeMultiMember',
  };
}

let a: fixtures.TestUser;
let b: fixtures.TestUser;
let c: fixtures.TestUser;
beforeAll(async () => {
  [a, b, c] = [await fixtures.user(), await fixtures.user(), await fixtures.user()];
});

describe('create → invite → join', () => {
  test('A creates, A invites, B joins, B invites the same group; C and unknown groups get 404', async () => {
    const created = await rpc('MultiMemberGroupCreate', a, {});
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(created.json)).toEqual(['group_pk']);
    const groupPk: string = created.json.group_pk;
    expect(Buffer.from(groupPk, 'base64')).toHaveLength(32);
    expect(Buffer.from(groupPk, 'base64').toString('base64')).toBe(groupPk); // standard, padded

    const invitation = await rpc('MultiMemberGroupInvitationCreate', a, { group_pk: groupPk });
    expect(invitation.status).toBe(200);
    const { group } = invitation.json;
    expect(Object.keys(invitation.json)).toEqual(['group']);
    expect(group).toEqual({
      public_key: groupPk,
      secret: expect.any(String),
      secret_sig: expect.any(String),
      group_type: 'GroupTypeMultiMember',
    });
    expect(Buffer.from(group.secret, 'base64')).toHaveLength(32);
    expect(Buffer.from(group.secret_sig, 'base64')).toHaveLength(64);
    expect(clientVerifies(group)).toBe(true);

    const joined = await rpc('MultiMemberGroupJoin', b, { group });
    expect(joined.status).toBe(200);
    expect(joined.text).toBe('{}');

    const again = await rpc('MultiMemberGroupInvitationCreate', b, { groupPk });
    expect(again.json).toEqual({ group });

    expect(await rpc('MultiMemberGroupInvitationCreate', c, { group_pk: groupPk })).toMatchObject({ status: 404, json: UNKNOWN_GROUP });
    const unknown = await rpc('MultiMemberGroupInvitationCreate', a, { group_pk: randomBytes(32).toString('base64') });
    expect(unknown).toMatchObject({ status: 404, json: UNKNOWN_GROUP });
    const oddLength = await rpc('MultiMemberGroupInvitationCreate', a, { group_pk: randomBytes(7).toString('base64') });
    expect(oddLength).toMatchObject({ status: 404, json: UNKNOWN_GROUP });

    const twice = await rpc('MultiMemberGroupJoin', b, { group });
    expect(twice).toMatchObject({ status: 409, json: grpcError(6, 'ErrInvalidInput(#100): already present in group') });
  });

  test('a valid group the service has never seen is registered on join; lowerCamel names are accepted', async () => {
    const group = clientSideGroup();
    const joined = await rpc('MultiMemberGroupJoin', c, {
      group: { publicKey: group.public_key, secret: group.secret, secretSig: group.secret_sig, groupType: 3 },
      unknownField: 'ignored',
    });
    expect(joined).toMatchObject({ status: 200, text: '{}' });
    const invitation = await rpc('MultiMemberGroupInvitationCreate', c, { groupPk: group.public_key });
    expect(invitation.json).toEqual({ group });
  });

  test('a tampered signature or secret is refused and nothing is joined', async () => {
    const group = clientSideGroup();
    const sig = Buffer.from(group.secret_sig, 'base64');
    sig[0]! ^= 0xff;
    const badSig = await rpc('MultiMemberGroupJoin', a, { group: { ...group, secret_sig: sig.toString('base64') } });
    expect(badSig).toMatchObject({ status: 400, json: grpcError(3, 'ErrCryptoSignatureVerification(#204)') });
    const badSecret = await rpc('MultiMemberGroupJoin', a, { group: { ...group, secret: randomBytes(32).toString('base64') } });
    expect(badSecret).toMatchObject({ status: 400, json: grpcError(3, 'ErrCryptoSignatureVerification(#204)') });
    const badKey = await rpc('MultiMemberGroupJoin', a, { group: { ...group, public_key: randomBytes(31).toString('base64') } });
    expect(badKey).toMatchObject({
      status: 400,
      json: grpcError(3, 'ErrDeserialization(#103): expect ed25519 public key data size to be 32'),
    });
    expect(await rpc('MultiMemberGroupInvitationCreate', a, { group_pk: group.public_key })).toMatchObject({ status: 404 });
  });

  test('admin berty-group add makes a group its members can invite to', async () => {
    const { group_pk: groupPk } = await addBertyGroup({ members: [a._id, b.username] });
    const invitation = await rpc('MultiMemberGroupInvitationCreate', b, { group_pk: groupPk });
    expect(invitation.status).toBe(200);
    expect(clientVerifies(invitation.json.group)).toBe(true);
    expect((await rpc('MultiMemberGroupInvitationCreate', c, { group_pk: groupPk })).status).toBe(404);
  });
});

describe('request decoding: InvalidArgument (3 / 400)', () => {
  test.each([
    ['malformed JSON', undefined, '{"group_pk":', /^The request body is not valid JSON( \(at position \d+\))?$/],
    ['bad base64', { group_pk: 'abc' }, undefined, /^illegal base64 data at input byte 0$/],
    ['bad base64 later on', { group_pk: 'Zm9v!mFy' }, undefined, /^illegal base64 data at input byte 4$/],
    ['URL-safe base64', { group_pk: 'Zm9v-_==' }, undefined, /^illegal base64 data at input byte 4$/],
    ['missing group_pk', {}, undefined, /^ErrMissingInput\(#101\): group_pk is required$/],
    ['null group_pk', { group_pk: null }, undefined, /^ErrMissingInput\(#101\): group_pk is required$/],
    ['empty body', undefined, '', /^ErrMissingInput\(#101\): group_pk is required$/],
    ['group_pk a number', { group_pk: 42 }, undefined, /expected a base64 string, got number/],
    ['an array body', undefined, '[]', /cannot unmarshal array/],
  ])('InvitationCreate: %s', async (_name, body, rawBody, message) => {
    const response = await rpc('MultiMemberGroupInvitationCreate', a, body, rawBody);
    expect(response.status).toBe(400);
    expect(Object.keys(response.json)).toEqual(['error', 'code', 'message']);
    expect(response.json.code).toBe(3);
    expect(response.json.message).toMatch(message);
    expect(response.json.error).toBe(response.json.message);
  });

  test.each([
    ['missing group', {}, 'ErrMissingInput(#101): group is required'],
    ['null group', { group: null }, 'ErrMissingInput(#101): group is required'],
    ['bad base64 in the group', { group: { public_key: '%%%%', secret: '', secret_sig: '' } }, 'illegal base64 data at input byte 0'],
    ['empty group', { group: {} }, 'ErrDeserialization(#103): expect ed25519 public key data size to be 32'],
  ])('Join: %s', async (_name, body, message) => {
    expect(await rpc('MultiMemberGroupJoin', a, body)).toMatchObject({ status: 400, json: grpcError(3, message) });
  });

  test('Create takes an empty body as {} and ignores unknown fields', async () => {
    expect((await rpc('MultiMemberGroupCreate', a, undefined, '')).status).toBe(200);
    expect((await rpc('MultiMemberGroupCreate', a, { anything: [1, 2] })).status).toBe(200);
  });
});

describe('authentication: Unauthenticated (16 / 401)', () => {
  test.each([
    ['no Authorization header', {}, 'ErrMissingInput(#101): authorization header is required'],
    ['not a bearer token', { Authorization: 'Basic abc' }, 'ErrInvalidInput(#100): authorization must be "Bearer <token>"'],
    ['an unknown token', { Authorization: 'Bearer nope' }, 'ErrInvalidInput(#100): invalid, revoked or expired bearer token'],
  ])('%s', async (_name, headers, message) => {
    for (const name of ['MultiMemberGroupCreate', 'MultiMemberGroupInvitationCreate', 'MultiMemberGroupJoin']) {
      const response = await request('POST', `/protocol/v1/${name}`, { headers, body: {} });
      expect(response.status).toBe(401);
      expect(response.json).toEqual(grpcError(16, message));
    }
  });

  test('the scheme is case-insensitive and Rocket.Chat/QuranReflect tokens work here too', async () => {
    const response = await request('POST', '/protocol/v1/MultiMemberGroupCreate', {
      headers: { authorization: `bearer ${a.authToken}` },
      body: {},
    });
    expect(response.status).toBe(200);
  });
});

/**
 * Every key of the single table is built here and nowhere else.
 * See docs/access-patterns.md for the entities, their keys and the access patterns they serve.
 */
import type { TableKey } from './table-schema';

const key = (pk: string, sk: string): TableKey => ({ pk, sk });

export const keys = {
  user: (id: string) => key(`USER#${id}`, 'USER'),
  /** Uniqueness guards; each carries the user's `_id` and `username` so a lookup is one read. */
  username: (username: string) => key(`USERNAME#${username.toLowerCase()}`, 'USERNAME'),
  userEmail: (email: string) => key(`EMAIL#${email.toLowerCase()}`, 'EMAIL'),
  userNumber: (userId: number) => key(`USERNUM#${userId}`, 'USERNUM'),
  /** Atomic counter handing out QuranReflect-style integer user ids. */
  userNumberCounter: () => key('COUNTER#USERNUM', 'COUNTER'),

  token: (tokenHash: string) => key(`TOKEN#${tokenHash}`, 'TOKEN'),
  apiClient: (clientId: string) => key(`CLIENT#${clientId}`, 'CLIENT'),
  permission: (permission: string) => key(`PERMISSION#${permission}`, 'PERMISSION'),

  room: (roomId: string) => key(`ROOM#${roomId}`, 'ROOM'),
  roomName: (name: string) => key(`ROOMNAME#${name}`, 'ROOMNAME'),
  roomMember: (roomId: string, userId: string) => key(`ROOM#${roomId}`, `MEMBER#${userId}`),
  roomMemberPrefix: () => 'MEMBER#',
  roomMessage: (roomId: string, ts: string, messageId: string) => key(`ROOM#${roomId}`, `MSG#${ts}#${messageId}`),
  roomMessagePrefix: () => 'MSG#',
  /** One of a room's counter shards: the counts its member writes move (see store/rocketchat-rooms.ts). */
  roomCounter: (roomId: string, shard: number) => key(`ROOM#${roomId}`, `ROOM#COUNTER#${shard}`),
  /** The sort keys of a room item and its counter shards, and of nothing else: one query reads them. */
  roomWithCountersPrefix: () => 'ROOM',

  /** Rocket.Chat invite links: one partition, so listInvites is one query. */
  inviteLink: (id: string) => key('INVITELINKS', `INVITE#${id}`),
  inviteLinkPrefix: () => 'INVITE#',
  /** The live invite link one user made for one room with given days and uses (reused while live). */
  inviteLinkSlot: (roomId: string, userId: string, days: number, maxUses: number) =>
    key(`ROOM#${roomId}`, `INVITELINK#${userId}#${days}#${maxUses}`),

  group: (groupId: string) => key(`GROUP#${groupId}`, 'GROUP'),
  groupMember: (groupId: string, userId: string) => key(`GROUP#${groupId}`, `MEMBER#${userId}`),
  groupMemberPrefix: () => 'MEMBER#',
  groupNumberCounter: () => key('COUNTER#GROUPNUM', 'COUNTER'),
  /** Uniqueness guard of a group's url (case-insensitive), pointing at the group. */
  groupUrl: (url: string) => key(`GROUPURL#${url.toLowerCase()}`, 'GROUPURL'),
  /** One pending invitation per group and invitee: a user, or an e-mail that matches no user yet. */
  groupInvitationForUser: (groupId: string, userId: string) => key(`GROUP#${groupId}`, `INVITE#USER#${userId}`),
  groupInvitationForEmail: (groupId: string, email: string) =>
    key(`GROUP#${groupId}`, `INVITE#EMAIL#${email.toLowerCase()}`),
  groupInvitationPrefix: () => 'INVITE#',

  /** Berty multi-member groups, keyed by their public key (base64url, so it is key-safe). */
  bertyGroup: (publicKey: Buffer) => key(`BGROUP#${publicKey.toString('base64url')}`, 'BGROUP'),
  bertyGroupMember: (publicKey: Buffer, userId: string) =>
    key(`BGROUP#${publicKey.toString('base64url')}`, `MEMBER#${userId}`),
  bertyGroupIndexSort: (publicKey: Buffer) => `BGROUP#${publicKey.toString('base64url')}`,
  bertyGroupIndexPrefix: () => 'BGROUP#',

  /** An event note (transactional outbox): written with the change it tells of, gone after a day. */
  eventNote: (id: string) => key(`NOTE#${id}`, 'NOTE'),
  eventNotePrefix: () => 'NOTE#',

  /** One counter per route, subject (client IP or user id) and fixed window. */
  rateLimitWindow: (routeId: string, subject: string, windowStart: number) =>
    key(`RATE#${routeId}#${subject}`, `WINDOW#${windowStart}`),

  /** gsi1: everything that belongs to one user (memberships of rooms and groups). */
  userMembershipsIndex: (userId: string) => `USER#${userId}`,
  roomIndexSort: (roomId: string) => `ROOM#${roomId}`,
  groupIndexSort: (groupId: string) => `GROUP#${groupId}`,
  /** gsi1: the invitations waiting for an e-mail address, claimed when its account is created. */
  emailInvitationsIndex: (email: string) => `INVITEE#EMAIL#${email.toLowerCase()}`,
  invitationIndexSort: (groupId: string) => `INVITE#GROUP#${groupId}`,
} as const;

/** Rocket.Chat: channels.invite, groups.invite and the invite links, limited per client IP (Rocket.Chat's default limiter). */
import { rocketChat } from './dialect';
import { channelsInviteInput, channelsInviteReply, groupsInviteReply } from './handlers/channels-invite.schema';
import {
  banInput,
  bannedUsersInput,
  bannedUsersReply,
  findOrCreateInviteInput,
  findOrCreateInviteReply,
  invalidParams,
  listInvitesReply,
  noInput,
  removeInviteInput,
  removeInviteReply,
  sendInvitationEmailInput,
  successReply,
  tokenInput,
  useInviteTokenReply,
  validateInviteTokenReply,
} from './handlers/invites.schema';
import { indexPageInput, invitePageInput } from './handlers/pages/pages.schema';
import { dialectRoute, type Route } from '../../routes/route';

const route = /* @__PURE__ */ dialectRoute(rocketChat, { rateLimit: { limit: 10, windowSeconds: 60, key: 'ip' } });

export const channelsInviteRoute = /* @__PURE__ */ route({
  id: 'rocketchat-channels-invite',
  method: 'POST',
  path: '/api/v1/channels.invite',
  entry: 'functions/dialects/rocketchat/handlers/channels-invite.ts',
  input: channelsInviteInput,
  output: channelsInviteReply,
  // The room name guard, the invite's batched read, the additions, the re-read of the room.
  tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'Query'],
  summary: 'Rocket.Chat: add one or many users to a public channel',
  exampleBody: { roomId: '{{channelId}}', userIds: ['{{bobId}}'] },
});
export const groupsInviteRoute = /* @__PURE__ */ route({
  id: 'rocketchat-groups-invite',
  method: 'POST',
  path: '/api/v1/groups.invite',
  entry: 'functions/dialects/rocketchat/handlers/groups-invite.ts',
  input: channelsInviteInput,
  output: groupsInviteReply,
  tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'Query'],
  summary: 'Rocket.Chat: add one or many users to a private group',
  exampleBody: { roomId: '{{privateGroupId}}', userIds: ['{{bobId}}'] },
});
export const findOrCreateInviteRoute = /* @__PURE__ */ route({
  id: 'rocketchat-find-or-create-invite',
  method: 'POST',
  path: '/api/v1/findOrCreateInvite',
  entry: 'functions/dialects/rocketchat/handlers/invites/find-or-create.ts',
  input: findOrCreateInviteInput,
  output: findOrCreateInviteReply,
  onInvalid: invalidParams,
  tableAccess: ['GetItem', 'BatchGetItem', 'PutItem'],
  // Tokens are HMACs under the invitation-token key (made, or rebuilt for a reused link).
  makesInvitationTokens: true,
  stageSettings: ['RC_INVITE_TOKENS'],
  summary: 'Rocket.Chat: an invite link for a room (a live identical one is reused)',
  exampleBody: { rid: '{{channelId}}', days: 7, maxUses: 5 },
});
export const listInvitesRoute = /* @__PURE__ */ route({
  id: 'rocketchat-list-invites',
  method: 'GET',
  path: '/api/v1/listInvites',
  entry: 'functions/dialects/rocketchat/handlers/invites/list.ts',
  input: noInput,
  output: listInvitesReply,
  tableAccess: ['Query'],
  // Links whose `_id` is their token (RC_INVITE_TOKENS=id) are listed with it, rebuilt with the key.
  makesInvitationTokens: true,
  stageSettings: ['RC_INVITE_TOKENS'],
  summary: 'Rocket.Chat: every invite link, without tokens (manage-invite-links)',
});
export const removeInviteRoute = /* @__PURE__ */ route({
  id: 'rocketchat-remove-invite',
  method: 'DELETE',
  path: '/api/v1/removeInvite/{_id}',
  entry: 'functions/dialects/rocketchat/handlers/invites/remove.ts',
  input: removeInviteInput,
  output: removeInviteReply,
  // The id's pointer or the token's hash (GetItem), the link and its pointer (one transaction).
  tableAccess: ['GetItem', 'DeleteItem'],
  stageSettings: ['RC_INVITE_TOKENS'],
  summary: 'Rocket.Chat: delete an invite link (by its public _id)',
  examplePath: '/api/v1/removeInvite/{{spareInviteLinkId}}',
});
export const useInviteTokenRoute = /* @__PURE__ */ route({
  id: 'rocketchat-use-invite-token',
  method: 'POST',
  path: '/api/v1/useInviteToken',
  entry: 'functions/dialects/rocketchat/handlers/invites/use-token.ts',
  input: tokenInput,
  output: useInviteTokenReply,
  onInvalid: invalidParams,
  tableAccess: ['GetItem', 'PutItem', 'Query'],
  summary: 'Rocket.Chat: join the room of an invite link (a use is counted for new members)',
  exampleBody: { token: '{{inviteLinkToken}}' },
  exampleCaller: 'bob',
});
export const validateInviteTokenRoute = /* @__PURE__ */ route({
  id: 'rocketchat-validate-invite-token',
  method: 'POST',
  path: '/api/v1/validateInviteToken',
  entry: 'functions/dialects/rocketchat/handlers/invites/validate-token.ts',
  input: tokenInput,
  output: validateInviteTokenReply,
  onInvalid: invalidParams,
  tableAccess: ['GetItem', 'Query'],
  summary: 'Rocket.Chat: whether an invite link is valid (no login)',
  exampleBody: { token: '{{inviteLinkToken}}' },
  anonymous: true,
});
export const sendInvitationEmailRoute = /* @__PURE__ */ route({
  id: 'rocketchat-send-invitation-email',
  method: 'POST',
  path: '/api/v1/sendInvitationEmail',
  entry: 'functions/dialects/rocketchat/handlers/invites/send-email.ts',
  input: sendInvitationEmailInput,
  output: successReply,
  onInvalid: invalidParams,
  // Settings (BatchGetItem), the named link (GetItem), the day's quota (UpdateItem), the notes (one transaction).
  tableAccess: ['BatchGetItem', 'GetItem', 'UpdateItem', 'PutItem', 'Query'],
  // The named link's URL carries its token, rebuilt with the key.
  makesInvitationTokens: true,
  summary:
    'Rocket.Chat: send invitation e-mails (one per distinct valid address; bulk-register-user; optional inviteId fills [Invite_URL])',
  exampleBody: { emails: ['newcomer@example.com'] },
});
export const invitePageRoute = /* @__PURE__ */ route({
  id: 'rocketchat-invite-page',
  method: 'GET',
  path: '/invite/{id}',
  entry: 'functions/dialects/rocketchat/handlers/pages/invite-page.ts',
  input: invitePageInput,
  // The link (GetItem), its room (Query), who made it (GetItem).
  tableAccess: ['GetItem', 'Query'],
  summary: 'Rocket.Chat: the page a shared invite link opens (room, maker, expiry, uses left; no login)',
  examplePath: '/invite/{{inviteLinkToken}}',
  anonymous: true,
  page: true,
});
export const banUserRoute = /* @__PURE__ */ route({
  id: 'rocketchat-rooms-ban-user',
  method: 'POST',
  path: '/api/v1/rooms.banUser',
  entry: 'functions/dialects/rocketchat/handlers/rooms/ban-user.ts',
  input: banInput,
  output: successReply,
  onInvalid: invalidParams,
  // The context (BatchGetItem), the membership (GetItem), the ban with its message, count and notes (one transaction).
  tableAccess: ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'],
  summary: 'Rocket.Chat: ban a user from a room (out of it, and refused by links and invites until unbanned)',
  exampleBody: { roomId: '{{channelId}}', username: 'erin' },
});
export const unbanUserRoute = /* @__PURE__ */ route({
  id: 'rocketchat-rooms-unban-user',
  method: 'POST',
  path: '/api/v1/rooms.unbanUser',
  entry: 'functions/dialects/rocketchat/handlers/rooms/unban-user.ts',
  input: banInput,
  output: successReply,
  onInvalid: invalidParams,
  tableAccess: ['BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'],
  summary: 'Rocket.Chat: lift a ban from a room',
  exampleBody: { roomId: '{{channelId}}', username: 'erin' },
});
export const bannedUsersRoute = /* @__PURE__ */ route({
  id: 'rocketchat-rooms-banned-users',
  method: 'GET',
  path: '/api/v1/rooms.bannedUsers',
  entry: 'functions/dialects/rocketchat/handlers/rooms/banned-users.ts',
  input: bannedUsersInput,
  output: bannedUsersReply,
  tableAccess: ['BatchGetItem', 'Query', 'GetItem'],
  summary: 'Rocket.Chat: the users banned from a room (ban-user)',
  exampleQuery: 'roomId={{channelId}}',
});
export const indexPageRoute = /* @__PURE__ */ route({
  id: 'rocketchat-index-page',
  method: 'GET',
  path: '/',
  entry: 'functions/dialects/rocketchat/handlers/pages/index-page.ts',
  input: indexPageInput,
  tableAccess: [],
  summary: 'An index page that links the docs (no login)',
  anonymous: true,
  page: true,
});

/** The dialect's routes, in the table's order. */
export const rocketChatRoutes: readonly Route[] = [
  channelsInviteRoute,
  groupsInviteRoute,
  findOrCreateInviteRoute,
  listInvitesRoute,
  removeInviteRoute,
  useInviteTokenRoute,
  validateInviteTokenRoute,
  sendInvitationEmailRoute,
  banUserRoute,
  unbanUserRoute,
  bannedUsersRoute,
  invitePageRoute,
  indexPageRoute,
];

/** Rocket.Chat: channels.invite, groups.invite and the invite links, limited per client IP (Rocket.Chat's default limiter). */
import { rocketChat } from './dialect';
import { channelsInviteInput, channelsInviteReply, groupsInviteReply } from './handlers/channels-invite.schema';
import {
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
  summary: 'Rocket.Chat: every invite link (global create-invite-links)',
});
export const removeInviteRoute = /* @__PURE__ */ route({
  id: 'rocketchat-remove-invite',
  method: 'DELETE',
  path: '/api/v1/removeInvite/{_id}',
  entry: 'functions/dialects/rocketchat/handlers/invites/remove.ts',
  input: removeInviteInput,
  output: removeInviteReply,
  tableAccess: ['DeleteItem'],
  summary: 'Rocket.Chat: delete an invite link',
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
  exampleBody: { token: '{{inviteLinkId}}' },
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
  exampleBody: { token: '{{inviteLinkId}}' },
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
  examplePath: '/invite/{{inviteLinkId}}',
  anonymous: true,
  page: true,
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
  invitePageRoute,
  indexPageRoute,
];
